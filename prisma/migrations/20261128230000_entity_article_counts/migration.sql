-- CreateTable
CREATE TABLE "EntityArticleCount" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "articles" INTEGER NOT NULL,

    CONSTRAINT "EntityArticleCount_pkey" PRIMARY KEY ("kind","key")
);


-- Keeps the counts in step with the link tables, once per statement: TG_ARGV names the entity kind and the link
-- table's column holding its key. Counters are written in key order, so concurrent writers cannot deadlock on them.
CREATE FUNCTION "entity_article_count_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "EntityArticleCount" WHERE "kind" = TG_ARGV[0];
    RETURN NULL;
  END IF;
  EXECUTE format(
    'INSERT INTO "EntityArticleCount" AS c ("kind", "key", "articles")
     SELECT %L, d.k, sum(d.n) FROM (%s) d GROUP BY d.k HAVING sum(d.n) <> 0 ORDER BY d.k
     ON CONFLICT ("kind", "key") DO UPDATE SET "articles" = c."articles" + excluded."articles"',
    TG_ARGV[0],
    CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT %I::text AS k, 1 AS n FROM new_rows', TG_ARGV[1])
      WHEN 'DELETE' THEN format('SELECT %I::text AS k, -1 AS n FROM old_rows', TG_ARGV[1])
      ELSE format('SELECT %1$I::text AS k, 1 AS n FROM new_rows UNION ALL SELECT %1$I::text, -1 FROM old_rows', TG_ARGV[1])
    END);
  RETURN NULL;
END $$;

DO $$
DECLARE
  link record;
BEGIN
  FOR link IN SELECT * FROM (VALUES ('ArticlePerson', 'Person', 'personId'), ('ArticleCountry', 'Country', 'countryCode'),
                                    ('ArticleTag', 'Tag', 'tagId'), ('ArticleEvent', 'Event', 'eventId')) AS l("tbl", "kind", "col") LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "entity_article_count_apply"(%L, %L)', link.tbl || '_count_insert', link.tbl, link.kind, link.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "entity_article_count_apply"(%L, %L)', link.tbl || '_count_delete', link.tbl, link.kind, link.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "entity_article_count_apply"(%L, %L)', link.tbl || '_count_update', link.tbl, link.kind, link.col);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "entity_article_count_apply"(%L, %L)', link.tbl || '_count_truncate', link.tbl, link.kind, link.col);
    -- Links that exist already.
    EXECUTE format('INSERT INTO "EntityArticleCount" ("kind", "key", "articles") SELECT %L, %I::text, count(*) FROM %I GROUP BY 2', link.kind, link.col, link.tbl);
  END LOOP;
END $$;
