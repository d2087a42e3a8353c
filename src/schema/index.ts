import { builder } from '../builder.ts';
import './article.ts';
import './article-list.ts';
import './person.ts';
import './country.ts';
import './tag.ts';
import './tag-stats.ts';
import './event.ts';
import './search.ts';
import './article-change.ts';
import './ingest.ts';
import './article-edit.ts';
import './entity-edit.ts';
import './link-edit.ts';
import './person-review.ts';

/** The GraphQL schema of the news graph. */
export const schema = builder.toSchema({ sortSchema: true });
