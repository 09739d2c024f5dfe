// Values the overlay would otherwise copy by hand, derived from the pulled spec after the overlay is
// applied, so that a spec change (a new storage option, a new stage) reaches every filter and sort.
//
// - An `__in` filter takes the enum of its single-value twin in the same operation (`stage__in`
//   from `stage`). A hand-written enum on an `__in` filter is refused: it is how the two drifted.
// - A `sort` parameter with `x-sort-columns` takes its values from the JSON fields of the record
//   schema it names: the real server sorts by any column of the view behind the list, and those
//   columns are the record's fields. `exclude` lists fields the server cannot sort by (500, or no
//   order at all), `rename` a field whose column has another name. Each column is offered bare
//   (the server sorts ascending, as apt-cmd sends it), `__asc` and `__desc`.

const SORT_EXTENSION = 'x-sort-columns';

function resolveRef(spec, ref) {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref ?? '');
  const schema = match ? spec.components?.schemas?.[match[1]] : undefined;
  if (!schema) throw new Error(`${SORT_EXTENSION}: no schema ${ref}`);
  return schema;
}

function deriveInFilters(where, parameters) {
  for (const param of parameters) {
    if (param.in !== 'query' || !param.name.endsWith('__in')) continue;
    const twinName = param.name.slice(0, -'__in'.length);
    const twin = parameters.find((p) => p.name === twinName && p.in === 'query');
    const items = param.schema?.items;
    if (!items) throw new Error(`${where}: ${param.name} is not an array parameter`);
    if (items.enum) {
      throw new Error(`${where}: ${param.name} lists its own enum; leave it out so it follows ${twinName}`);
    }
    const values = twin?.schema?.enum;
    if (values) items.enum = [...values];
  }
}

function deriveSort(spec, where, param) {
  const rule = param[SORT_EXTENSION];
  if (!rule) return;
  delete param[SORT_EXTENSION];
  const fields = Object.keys(resolveRef(spec, rule.from).properties ?? {});
  const exclude = new Set(rule.exclude ?? []);
  for (const name of exclude) {
    if (!fields.includes(name)) throw new Error(`${where}: ${SORT_EXTENSION} excludes ${name}, which ${rule.from} does not have`);
  }
  const rename = rule.rename ?? {};
  for (const name of Object.keys(rename)) {
    if (!fields.includes(name)) throw new Error(`${where}: ${SORT_EXTENSION} renames ${name}, which ${rule.from} does not have`);
  }
  const columns = fields
    .filter((f) => !exclude.has(f))
    .map((f) => rename[f] ?? f)
    .sort();
  param.schema = {
    type: 'array',
    items: { type: 'string', enum: columns.flatMap((c) => [c, `${c}__asc`, `${c}__desc`]) },
  };
}

/** Fills in derived enums in place and returns the spec. */
export function deriveValues(spec) {
  for (const [route, item] of Object.entries(spec.paths ?? {})) {
    const parameters = item.get?.parameters;
    if (!Array.isArray(parameters)) continue;
    const where = `GET ${route}`;
    deriveInFilters(where, parameters);
    for (const param of parameters) if (param.name === 'sort') deriveSort(spec, where, param);
  }
  const left = JSON.stringify(spec).includes(`"${SORT_EXTENSION}"`);
  if (left) throw new Error(`${SORT_EXTENSION} is only understood on a GET list's sort parameter`);
  return spec;
}
