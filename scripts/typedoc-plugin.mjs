// TypeDoc plugin for the generated layer (typedoc.json "plugin"). generated/ is rewritten by
// `npm run generate`, so its doc comments are whatever the upstream spec's descriptions say, and
// some fields (every `id`, several fields and filters the overlay adds) have none. This plugin:
//
// 1. inlines the generated string "enums" (`export type WorkItemViewStatusEnum = …`) wherever a
//    documented type uses them, so the reference shows `"Failed" | "Pending" | …` instead of a name
//    that is not exported from the package;
// 2. supplies the missing descriptions from GENERATED_COMMENTS below, but only where the generated
//    declaration has none, and fails the docs build (a warning, and warnings are errors) when an
//    entry here is no longer needed, so upstream's own description always wins;
// 3. shows `ListParams<WorkItemsApiListWorkItemsRequest>` (TypeScript forgets the alias name of a
//    generic instantiation) as the public alias it came from, `WorkItemListParams`, which is
//    documented (`@interface`) with every filter;
// 4. lets a doc comment on a single-name re-export in src/ (`export type { CallOptions };`)
//    document a declaration that has none, for modules this package documents from elsewhere.
//
// 5. cleans the generated comments' text (cleanDocText below): the generator writes the spec's
//    quotes as `\&quot;`, which TypeDoc escapes again (`&amp;quot;asc&amp;quot;` on every
//    *ListParams page), and the overlay's descriptions cite the errata by section, a document
//    users do not have (the README's "Where we differ from the published spec, and why" is theirs).
//    A comment that still mentions the errata after that fails the docs build (a warning).
//
// When upstream adds an undocumented field, `npm run docs` fails with "does not have any
// documentation": add a line here (or, better, a description in openapi/overlay.yaml).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Comment, Converter, ReferenceType } from 'typedoc';

const GENERATED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated') + path.sep;

const ZERO_VALUES =
  ' Every field is always present and never null: a missing id is `0`, a missing string `""` and a missing time ' +
  '`"0001-01-01T00:00:00Z"`, whatever a field\'s description says about null.';

/** `Container.member` (the generated TypeScript names) → description. */
export const GENERATED_COMMENTS = {
  // Models. The generator puts only its file banner above each interface.
  AlertView:
    'An alert sent to a user, from `client.alerts` (one row per alert and recipient; a member sees only the alerts sent to them).' +
    ZERO_VALUES,
  Checksum: 'A checksum of a file, as nested in {@link GenericFile}.' + ZERO_VALUES,
  ChecksumView: 'A checksum calculated at ingest or at a fixity check, from `client.checksums`.' + ZERO_VALUES,
  DeletionRequestView:
    'A request to delete files or objects, and its approval or cancellation, from `client.deletionRequests`. ' +
    "Note: `cancelled_by_name`/`cancelled_by_email` hold the confirming user's name and email (a server bug we pass through); `cancelled_by_id` and `cancelled_at` are right." +
    ZERO_VALUES,
  GenericFileView: 'One preserved file, as `client.files.list()`/`.all()` return it.' + ZERO_VALUES,
  IntellectualObjectView: 'One preserved bag (intellectual object), from `client.objects`.' + ZERO_VALUES,
  PremisEvent: 'A PREMIS event, as nested in {@link GenericFile}.' + ZERO_VALUES,
  PremisEventView: 'A PREMIS event (ingestion, fixity check, deletion…), from `client.events`.' + ZERO_VALUES,
  StorageRecord: 'Where one copy of a file is stored, as nested in {@link GenericFile}.',
  WorkItemView: 'One item of the work queue (an ingest, restore or delete and its progress), from `client.workItems`.' + ZERO_VALUES,
  'AlertView.id': "The alert's id. An alert sent to several users appears once per recipient (see `user_id`).",
  'AlertView.institution_id': 'The id of the institution the alert concerns.',
  'AlertView.institution_name': 'The name of the institution the alert concerns.',
  'AlertView.institution_identifier': 'The identifier (domain name) of the institution the alert concerns.',
  'AlertView.subject': "The alert's subject line.",
  'Checksum.id': "The checksum's id.",
  'Checksum.created_at': 'When this checksum record was created.',
  'Checksum.updated_at': 'When this checksum record was last updated.',
  'ChecksumView.id': "The checksum's id.",
  'DeletionRequestView.id': "The deletion request's id.",
  GenericFile:
    'One file in full, as `client.files.get()` returns it: the file with its PREMIS events, checksums and ' +
    'storage records (each of those arrays is `null`, not `[]`, when empty).' +
    ZERO_VALUES,
  'GenericFile.id': "The file's id.",
  'GenericFileView.id': "The file's id.",
  'IntellectualObjectView.id': "The object's id.",
  'PremisEvent.id': "The event's id.",
  'PremisEventView.id': "The event's id.",
  'StorageRecord.id': "The storage record's id.",
  'WorkItemView.id': "The work item's id.",
  // List filters the overlay adds (on the server's allow-lists, not in the published spec)
  'IntellectualObjectsApiListIntellectualObjectsRequest.bag_name':
    'Return objects with exactly this `bag_name` (the name of the bag, without the institution).',
  'IntellectualObjectsApiListIntellectualObjectsRequest.institution_parent_id':
    'Return objects with this `institution_parent_id` (the parent of the owning institution).',
  'IntellectualObjectsApiListIntellectualObjectsRequest.source_organization': 'Return objects with exactly this source organization.',
  'IntellectualObjectsApiListIntellectualObjectsRequest.internal_sender_description':
    'Return objects with exactly this internal sender description.',
  'WorkItemsApiListWorkItemsRequest.needs_admin_review':
    'Return items that do (true) or do not (false) need an APTrust admin to review them.',
};

/** The entities the generator writes into doc comments (optionally backslash-escaped, `\&quot;`). */
const ENTITIES = { quot: '"', apos: "'", '#39': "'", amp: '&' };

/**
 * A doc comment's text as a reader should see it: the generator's HTML entities decoded (TypeDoc
 * would escape them again) and citations of the errata by section dropped, keeping what they say:
 * `… gives 403 (errata §1.3).` → `… gives 403.`, `(errata §3.2: the spec's x gives 500)` →
 * `(the spec's x gives 500)`, `errata §3.2 — not on …` → `Not on …`.
 */
export function cleanDocText(text) {
  return text
    .replace(/\\?&(quot|apos|#39|amp);/g, (_, name) => ENTITIES[name])
    .replace(/\s*\(errata(?: §[^():]*)?\)/g, '')
    .replace(/\(errata §[^():]*: /g, '(')
    .replace(/^errata §[^—]*— (\S)/, (_, first) => first.toUpperCase());
}

/** Cleans a comment's text parts in place; returns whether any still mentions the errata. */
function cleanComment(comment) {
  if (!comment) return false;
  let left = false;
  for (const parts of [comment.summary, ...comment.blockTags.map((tag) => tag.content)]) {
    for (const part of parts) {
      if (part.kind === 'text') part.text = cleanDocText(part.text);
      if (/errata/i.test(part.text)) left = true;
    }
  }
  return left;
}

/** A comment from a GENERATED_COMMENTS text; `{@link Name}` becomes a link TypeDoc resolves. */
function commentFrom(text) {
  const parts = text
    .split(/(\{@link [^}]+\})/)
    .filter((piece) => piece !== '')
    .map((piece) => {
      const link = /^\{@link ([^}]+)\}$/.exec(piece);
      return link ? { kind: 'inline-tag', tag: '@link', text: link[1] } : { kind: 'text', text: piece };
    });
  return new Comment(parts);
}

function isGeneratorBanner(comment) {
  return comment.summary.some((part) => part.text.includes('auto generated by OpenAPI Generator'));
}

function isGenerated(fileName) {
  return path.resolve(fileName).startsWith(GENERATED_DIR);
}

/** `Container.member` for a declaration in generated/, or the bare name of a top-level one. */
function generatedKey(declaration) {
  const name = ts.getNameOfDeclaration(declaration);
  if (!name) return undefined;
  const own = ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
  const container = declaration.parent;
  if (container && (ts.isInterfaceDeclaration(container) || ts.isTypeLiteralNode(container) || ts.isClassDeclaration(container))) {
    const owner = ts.isTypeLiteralNode(container) ? container.parent : container;
    const ownerName = owner && ts.getNameOfDeclaration(owner);
    return ownerName && ts.isIdentifier(ownerName) ? `${ownerName.text}.${own}` : undefined;
  }
  return own;
}

/** The `X` of `export type Alias = ListParams<X>`, or undefined. */
function listParamsArgument(declaration) {
  if (!ts.isTypeAliasDeclaration(declaration) || !ts.isTypeReferenceNode(declaration.type)) return undefined;
  const { typeName, typeArguments } = declaration.type;
  if (!ts.isIdentifier(typeName) || typeName.text !== 'ListParams' || typeArguments?.length !== 1) return undefined;
  const [argument] = typeArguments;
  return ts.isTypeReferenceNode(argument) && ts.isIdentifier(argument.typeName) ? argument.typeName.text : undefined;
}

/** Rewrites a TypeDoc type in place (and returns it), replacing what `replace` maps. */
function rewriteType(type, replace) {
  if (!type) return type;
  const replaced = replace(type);
  if (replaced) return replaced;
  switch (type.type) {
    case 'reference':
      if (type.typeArguments) type.typeArguments = type.typeArguments.map((t) => rewriteType(t, replace));
      break;
    case 'union':
    case 'intersection':
      type.types = type.types.map((t) => rewriteType(t, replace));
      break;
    case 'array':
    case 'optional':
    case 'rest':
      type.elementType = rewriteType(type.elementType, replace);
      break;
    case 'tuple':
      type.elements = type.elements.map((t) => rewriteType(t, replace));
      break;
    case 'typeOperator':
      type.target = rewriteType(type.target, replace);
      break;
    default:
      break;
  }
  return type;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const used = new Set();
  /** @type {Map<import('typescript').Symbol, import('typescript').Node>} */
  const reExportComments = new Map();

  app.converter.on(Converter.EVENT_BEGIN, (context) => {
    for (const program of context.programs) {
      const checker = program.getTypeChecker();
      for (const file of program.getSourceFiles()) {
        if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
        if (isGenerated(file.fileName)) {
          // Every child context copies the root's inlineType set (the set `@inlineType` fills).
          for (const statement of file.statements) {
            if (ts.isTypeAliasDeclaration(statement) && statement.name.text.endsWith('Enum')) context.inlineType.add(statement.name.text);
          }
          continue;
        }
        for (const statement of file.statements) {
          if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
          if (statement.exportClause.elements.length !== 1 || !ts.getJSDocCommentsAndTags(statement).length) continue;
          const specifier = statement.exportClause.elements[0];
          let target = checker.getExportSpecifierLocalTargetSymbol(specifier);
          if (target && target.flags & ts.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
          if (target) reExportComments.set(target, statement);
        }
      }
    }
  });

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    // The generator's file banner ("NOTE: This class is auto generated…") is no description.
    if (reflection.comment && isGeneratorBanner(reflection.comment)) reflection.comment = undefined;
    if (reflection.hasComment()) return;
    const symbol = context.getSymbolFromReflection(reflection);
    if (symbol && reExportComments.has(symbol)) {
      reflection.comment = context.getNodeComment(reExportComments.get(symbol), false);
      return;
    }
    for (const declaration of symbol?.declarations ?? []) {
      if (!isGenerated(declaration.getSourceFile().fileName)) continue;
      const key = generatedKey(declaration);
      if (key === undefined || !Object.hasOwn(GENERATED_COMMENTS, key)) continue;
      used.add(key);
      reflection.comment = commentFrom(GENERATED_COMMENTS[key]);
      return;
    }
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { project } = context;
    const aliasFor = new Map();
    for (const reflection of Object.values(project.reflections)) {
      const symbol = context.getSymbolFromReflection(reflection);
      for (const declaration of symbol?.declarations ?? []) {
        const argument = listParamsArgument(declaration);
        if (argument) aliasFor.set(argument, reflection);
      }
    }
    const replace = (type) => {
      if (type.type !== 'reference' || type.name !== 'ListParams' || type.typeArguments?.length !== 1) return undefined;
      const [argument] = type.typeArguments;
      const alias = argument.type === 'reference' ? aliasFor.get(argument.name) : undefined;
      return alias ? ReferenceType.createResolvedReference(alias.name, alias, project) : undefined;
    };
    for (const reflection of Object.values(project.reflections)) {
      if ('type' in reflection) reflection.type = rewriteType(reflection.type, replace);
      if ('default' in reflection) reflection.default = rewriteType(reflection.default, replace);
      for (const key of ['extendedTypes', 'implementedTypes']) {
        if (Array.isArray(reflection[key])) reflection[key] = reflection[key].map((t) => rewriteType(t, replace));
      }
    }
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((signature) => signature.comment)];
      if (comments.map(cleanComment).some(Boolean)) {
        app.logger.warn(
          `${reflection.getFriendlyFullName()}: its documentation cites the errata, which users do not have; point to the README's "Where we differ from the published spec, and why" instead`,
        );
      }
    }
  });

  app.converter.on(Converter.EVENT_END, () => {
    for (const key of Object.keys(GENERATED_COMMENTS)) {
      if (!used.has(key)) {
        app.logger.warn(
          `scripts/typedoc-plugin.mjs: GENERATED_COMMENTS["${key}"] is unused (generated/ now documents it, or it is gone); remove it`,
        );
      }
    }
  });
}
