/**
 * The API's ETag is the record's version in quotes. Records that come from lists (one read, no
 * ETag per row) send the version shown to the person: a change made by someone else since then
 * answers 412.
 */
export const etagOfVersion = (version: number): string => `"${version}"`
