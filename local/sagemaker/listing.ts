// The List* operations of hosting and Neo share one request shape — NameContains, StatusEquals, SortBy/SortOrder
// with per-operation defaults, creation and modification windows, MaxResults/NextToken — checked and applied
// here once. ListNotebookInstances applies it too
// (workspaces.ts).
import { page, sorter, pageRequest, timeInput, within } from './shared';
import { Checker, P, type Json } from './validation';

export interface Listable {
  name: string;
  status?: string;
  createdAt: number;
  lastModified: number;
  seq: number;
}

export interface ListSpec {
  sortBy: readonly string[];
  defaultSortBy: string;
  defaultOrder: 'Ascending' | 'Descending';
  statuses?: readonly string[];
  /** whether the operation takes LastModifiedTimeAfter/Before */
  modified?: boolean;
  /** ListTrainingJobs takes a page first, then filters it by StatusEquals */
  statusAfterPage?: boolean;
}

/** Validates a List* request against `spec` (plus `more`), then filters, sorts and pages `items`. */
export function listing<T extends Listable>(
  items: readonly T[],
  input: Json,
  spec: ListSpec,
  more?: (c: Checker) => void,
): { items: T[]; NextToken?: string } {
  const c = new Checker();
  const contains = c.string(input.NameContains, 'nameContains', { max: 63, pattern: P.nameContains })?.toLowerCase();
  const status = spec.statuses ? c.string(input.StatusEquals, 'statusEquals', { enum: spec.statuses }) : undefined;
  const sortBy = c.string(input.SortBy, 'sortBy', { enum: spec.sortBy }) ?? spec.defaultSortBy;
  const order = c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] }) ?? spec.defaultOrder;
  const at = pageRequest(c, input);
  more?.(c);
  c.done();
  const [after, before] = [
    timeInput(input.CreationTimeAfter, 'creationTimeAfter'),
    timeInput(input.CreationTimeBefore, 'creationTimeBefore'),
  ];
  const [modAfter, modBefore] = spec.modified
    ? [
        timeInput(input.LastModifiedTimeAfter, 'lastModifiedTimeAfter'),
        timeInput(input.LastModifiedTimeBefore, 'lastModifiedTimeBefore'),
      ]
    : [];
  const key = (x: T) => (sortBy === 'Name' ? x.name : sortBy === 'Status' ? (x.status ?? '') : x.createdAt);
  const statusOk = (x: T) => status === undefined || x.status === status;
  const matching = items
    .filter((x) => contains === undefined || x.name.toLowerCase().includes(contains))
    .filter((x) => spec.statusAfterPage || statusOk(x))
    .filter((x) => within(x.createdAt, after, before) && within(x.lastModified, modAfter, modBefore))
    .sort(sorter(key, (x) => x.seq, order));
  const { items: paged, NextToken } = page(matching, at);
  return { items: spec.statusAfterPage ? paged.filter(statusOk) : paged, ...(NextToken ? { NextToken } : {}) };
}
