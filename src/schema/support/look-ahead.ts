// What a resolver's selection asks of the articles it returns, so that their statement reads exactly that: the columns
// plugin-prisma planned, and the link lists selected under them.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionNode } from 'graphql';
import { isLinkKind } from '../../sql/article-links.ts';
import { ARTICLE_COLUMNS, type ArticleReading } from '../../sql/article-rows.ts';

/** The fields selected under `path` (e.g. ['edges', 'node'] for a connection) of the field being resolved, through fragments. */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[], depth: number) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) fields.push(selection);
        else if (selection.name.value === path[depth] && selection.selectionSet) walk(selection.selectionSet.selections, depth + 1);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections, depth);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet.selections, 0);
  return fields;
}

/** True when the field being resolved selects `path` below it (through fragments too), e.g. ['edges', 'snippet']. */
export const selects = (info: GraphQLResolveInfo, path: readonly string[]) => fieldsAt(info, path.slice(0, -1)).some((field) => field.name.value === path.at(-1));

/**
 * The Article columns of a plugin-prisma selection. Article is in select mode and none of its fields is a Prisma
 * relation, so the selection is always `{ select: { column: true, … } }`; anything else is a bug, reported as one.
 */
function articleColumns(selection: object): string[] {
  const { select, ...rest } = selection as { select?: Record<string, unknown> };
  const columns = Object.keys(select ?? {});
  if (!select || Object.keys(rest).length > 0 || columns.some((column) => select[column] !== true || !ARTICLE_COLUMNS.has(column))) {
    throw new Error(`Article selections hold columns only; got ${JSON.stringify(selection)}`);
  }
  return columns.sort();
}

/** What to read of the articles a resolver returns: the columns of its plugin-prisma `selection`, and the link fields selected under `path` of it. */
export function articleReading(selection: object, info: GraphQLResolveInfo, path: readonly string[] = []): ArticleReading {
  const links = new Set(fieldsAt(info, path).map((field) => field.name.value).filter(isLinkKind));
  return { columns: articleColumns(selection), links: [...links].sort() };
}
