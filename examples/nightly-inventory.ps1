#!/usr/bin/env pwsh
# Nightly inventory export from the APTrust Registry, as CSV files: the PowerShell version of
# nightly-inventory.sh, for Windows PowerShell 5.1 or PowerShell 7 (pwsh) on any system. Run it
# from Task Scheduler or a scheduled CI job:
#
#   pwsh -NoProfile -File C:\aptrust\nightly-inventory.ps1 -OutDir D:\aptrust\inventory
#
# Needs aptrust-registry on the PATH (npm install --global ./aptrust-registry-client-0.1.0.tgz;
# see the README's Install section).
#
# Connection: APTRUST_REGISTRY_URL (demo, production or a URL), APTRUST_REGISTRY_EMAIL and
# APTRUST_REGISTRY_API_KEY in the environment, or the same KEY=value lines in ~/.aptrust
# (%USERPROFILE%\.aptrust on Windows).
#
# What you get in OutDir (default .\inventory), one set per day (UTC):
#   objects-YYYY-MM-DD.csv        every active intellectual object, every field
#   files-YYYY-MM-DD.csv          every active file: identifier, size, checksums, fixity check
#   failed-fixity-YYYY-MM-DD.csv  fixity checks that failed in the last 7 days (header only if none)
#   problems-YYYY-MM-DD.csv       work items Failed/Cancelled/Suspended or needing admin review (last 30 days)
#
# As in the shell script: objects and files are written by `list --all --output`, whole or not at
# all, and a second run the same day resumes them; the reports go to FILE.partial, renamed when
# complete. The script stops at the first failure with aptrust-registry's exit code (3 =
# credentials, 5 = Registry unreachable; see aptrust-registry --help). The windows (7 days, the
# last 30) are the CLI's own relative dates: nothing here computes a date but today's stamp.
param(
  [string]$OutDir = './inventory'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Today in UTC, for the file names.
$Stamp = [DateTime]::UtcNow.ToString('yyyy-MM-dd')
# A full path: .NET's file methods do not follow PowerShell's current location.
$OutDir = (New-Item -ItemType Directory -Force -Path $OutDir).FullName
# aptrust-registry writes UTF-8; read it as such (Windows PowerShell's default is the OEM code page).
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
$Utf8 = New-Object System.Text.UTF8Encoding $false

function Stop-OnFailure([string]$What) {
  if ($LASTEXITCODE -ne 0) {
    [Console]::Error.WriteLine("nightly-inventory: $What failed (exit $LASTEXITCODE)")
    exit $LASTEXITCODE
  }
}

function Get-LineCount([string]$Path) {
  $n = 0
  foreach ($line in [System.IO.File]::ReadLines($Path)) { $n++ }
  return $n
}

# Export-Report NAME ARGS...: an aptrust-registry command's CSV into OutDir\NAME-STAMP.csv.
# The output is held in memory (reports are short) and written as UTF-8 without a BOM: `>` in
# Windows PowerShell 5.1 would write UTF-16.
function Export-Report([string]$Name, [string[]]$CliArgs) {
  $final = Join-Path $OutDir "$Name-$Stamp.csv"
  $partial = "$final.partial"
  try {
    # --quiet: no notes on stderr, so the task log shows only real errors.
    $lines = @(& aptrust-registry @CliArgs --format csv --quiet)
    Stop-OnFailure "aptrust-registry $($CliArgs -join ' ')"
    [System.IO.File]::WriteAllLines($partial, [string[]]$lines, $Utf8)
    Move-Item -Force -LiteralPath $partial -Destination $final
  } finally {
    if (Test-Path -LiteralPath $partial) { Remove-Item -Force -LiteralPath $partial }
  }
  [Console]::Error.WriteLine("wrote $final ($((Get-LineCount $final) - 1) lines after the header)")
}

# Export-List NAME ARGS...: list --all --output, resumable, into OutDir\NAME-STAMP.csv.
function Export-List([string]$Name, [string[]]$CliArgs) {
  $final = Join-Path $OutDir "$Name-$Stamp.csv"
  & aptrust-registry list @CliArgs --all --output $final --quiet
  Stop-OnFailure "aptrust-registry list $($CliArgs -join ' ')"
  [Console]::Error.WriteLine("wrote $final ($((Get-LineCount $final) - 1) lines after the header)")
}

Export-List objects @('objects', 'state=A')
Export-List files @('files', 'state=A',
  '--fields', 'id,identifier,size,file_format,storage_option,last_fixity_check,md5,sha256,object_identifier,updated_at')
Export-Report failed-fixity @('report', 'failed-fixity', '--since', '7d')
Export-Report problems @('report', 'problems')
