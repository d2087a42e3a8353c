// The bookkeeping fields every versioned type (Article, Person, Event, Tag) has: editor and analytics keys only.

const authScopes = { editor: true, analytics: true } as const;

/** Options of a type's `version` field. */
export const versionField = { description: 'Revision number, raised by every change; updates name it as `expectedVersion`. Editor and analytics keys only.', authScopes };

/** Options of a type's `modifiedAt` field. */
export const modifiedAtField = { type: 'DateTime', description: 'When it last changed in this graph. Editor and analytics keys only.', authScopes } as const;
