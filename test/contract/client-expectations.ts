// Where the client deliberately does not send what a recorded request sent, and why. Each entry is
// checked against the recording: a refusal must be of a request whose recorded answer shows the
// problem named, and a rewritten request must go out exactly as listed.
import type { RecordedExchange, Recordings } from './recordings.js';

interface ListBody {
  count: number;
  next: string;
  previous: string;
  results: unknown[] | null;
}

const body = (e: RecordedExchange) => e.response.body as ListBody;
const route = (e: RecordedExchange) => e.request.path.split('/')[3];

export interface Refusal {
  /** What the real server does with the request instead of rejecting it. */
  because: string;
  /** Evidence in the recording that it does so. */
  shows: (exchange: RecordedExchange, all: Recordings) => boolean;
}

const answersNothing: Refusal = {
  because: 'the server answers 200 with no records, whatever the data holds',
  shows: (e) => e.response.status === 200 && body(e).results === null && body(e).count === 0,
};

const ignoresTheFilter: Refusal = {
  because: 'the server ignores the filter and answers with unfiltered results',
  shows: (e, all) => e.response.status === 200 && body(e).count === body(all.byId(`paging.${route(e)}.no_params`)).count,
};

const readsFirstValueOnly: Refusal = {
  because: 'the server reads only the first value of a repeated plain filter',
  shows: (e, all) => e.response.status === 200 && body(e).count === body(all.byId('filter.items.status')).count,
};

const answersEveryRow: Refusal = {
  because: 'the server answers with every row at once (no page size), which at institution scale is unbounded',
  // Each answer holds all its rows; the events one shows that this is more than the default page of 20.
  shows: (e, all) => {
    const wholeOnOnePage = (x: RecordedExchange) => body(x).next === '' && body(x).results?.length === body(x).count;
    const events = all.byId('paging.events.per_page_neg1');
    return e.response.status === 200 && wholeOnOnePage(e) && wholeOnOnePage(events) && body(events).count > 20;
  },
};

const notAPage: Refusal = {
  because: 'the server answers page 1, and its next link points at page 1 or 0 again, so following it loops',
  shows: (e) => e.response.status === 200 && body(e).previous === '' && /[?&]page=[01]&/.test(body(e).next || '?page=1&'),
};

const capsAfterTheOffset: Refusal = {
  because: 'the server caps per_page at 1000 after computing the offset, so page 2 on skips records',
  shows: (_e, all) => body(all.byId('links.objects.page_2_per_page_5000')).previous === '/member-api/v3/objects?page=1&per_page=1000',
};

const notASort: Refusal = {
  because: 'the server answers 200 but orders by nothing the caller asked for',
  shows: (e) => e.response.status === 200,
};

const ambiguousDate: Refusal = {
  because: 'the server reads the date by its own DateStyle; the client takes ISO 8601 only, which means one thing',
  shows: (e) => e.response.status === 200,
};

const spelledBoolean: Refusal = {
  because: 'the server reads other boolean spellings differently per filter (retry=t filters; __is_null=yes is ignored)',
  shows: (e) => e.response.status === 200,
};

/** Requests the real server answers with 200 but the client refuses before sending. */
export const REFUSED_ALTHOUGH_ACCEPTED: Readonly<Record<string, Refusal>> = {
  'paging.checksums.per_page_0': answersEveryRow,
  'paging.deletions.per_page_0': answersEveryRow,
  'paging.files.per_page_0': answersEveryRow,
  'paging.objects.per_page_0': answersEveryRow,
  'paging.files.per_page_abc': answersEveryRow,
  'paging.files.per_page_empty': answersEveryRow,
  'paging.files.per_page_2_5': answersEveryRow,
  'paging.events.per_page_neg1': answersEveryRow,
  'paging.events.per_page_abc': answersEveryRow,
  'paging.events.per_page_empty': answersEveryRow,
  'paging.events.per_page_2_5': answersEveryRow,
  'paging.alerts.page_0': notAPage,
  'paging.checksums.page_0': notAPage,
  'paging.deletions.page_0': notAPage,
  'paging.objects.page_0': notAPage,
  'paging.events.page_0': notAPage,
  'paging.items.page_0': notAPage,
  'paging.files.page_abc': notAPage,
  'paging.events.page_neg1': notAPage,
  'paging.checksums.per_page_5000': capsAfterTheOffset,
  'paging.files.per_page_5000': capsAfterTheOffset,
  'paging.objects.per_page_5000': capsAfterTheOffset,
  'paging.events.per_page_5000': capsAfterTheOffset,
  'paging.items.per_page_5000': capsAfterTheOffset,
  'paging.files.per_page_1001': capsAfterTheOffset,
  'paging.events.per_page_1001': capsAfterTheOffset,
  'paging.files.page_2_per_page_5000': capsAfterTheOffset,
  'links.objects.page_2_per_page_5000': capsAfterTheOffset,
  'filter.items.user.quoted_value_sysadmin': answersNothing,
  'filter.checksums.state.spec_default_empty': answersNothing,
  'filter.items.action__in.comma_list_encoded': answersNothing,
  'filter.items.stage__in.comma_list': answersNothing,
  'filter.items.stage__in.comma_list_encoded': answersNothing,
  'filter.items.status__in.comma_list': answersNothing,
  'filter.items.status__in.comma_list_encoded': answersNothing,
  'filter.items.generic_file_id__is_null.yes': ignoresTheFilter,
  'filter.events.generic_file_id__is_null.empty': ignoresTheFilter,
  'filter.items.status.repeated': readsFirstValueOnly,
  'filter.items.retry.t': spelledBoolean,
  'filter.events.date.us_format': ambiguousDate,
  'sort.objects.invalid_direction': notASort,
  'sort.items.user__asc': notASort,
  'sort.items.user__desc': notASort,
  'sort.items.user__asc.note': notASort,
};

/**
 * Requests the client sends differently from the recording, on purpose: the server ignores a
 * time-zone offset (the +05:00 and -05:00 exchanges gave the rows of Z), so the client sends the
 * instant the caller meant, in UTC.
 */
export const REWRITTEN: Readonly<Record<string, [string, string]>> = {
  'filter.objects.date.offset_plus': ['updated_at__gteq', '2021-01-12T12:14:42Z'],
  'filter.objects.date.offset_minus': ['updated_at__gteq', '2021-01-12T22:14:42Z'],
  'filter.events.date.offset_minus': ['date_time__gteq', '2016-08-26T23:50:00Z'],
  'filter.events.date.space_separated': ['date_time__gteq', '2016-08-26T18:50:00Z'],
  'filter.items.date.offset_plus': ['date_processed__gteq', '2016-08-25T15:04:26Z'],
  'filter.items.date.offset_minus': ['date_processed__gteq', '2016-08-26T01:04:26Z'],
  'filter.alerts.date.offset_plus': ['created_at__gteq', '2021-05-13T09:30:32Z'],
  'filter.alerts.date.offset_minus': ['created_at__gteq', '2021-05-13T19:30:32Z'],
  'filter.checksums.date.offset_plus': ['datetime__gteq', '2020-08-26T10:27:01Z'],
  'filter.deletions.date.offset_plus': ['requested_at__gteq', '2021-05-13T06:10:33Z'],
  'filter.deletions.date.offset_minus': ['requested_at__gteq', '2021-05-13T16:10:33Z'],
  'filter.files.date.offset_plus': ['updated_at__gteq', '2021-01-12T12:15:20Z'],
};
