-- Trigram matching for entity search (pg_trgm ships with PostgreSQL and as a PGlite extension package).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text search configuration of an article's language: english, hindi (simple where a server lacks it), else simple.
-- Chosen once here, so the generated column below stays immutable.
DO $migration$
BEGIN
  EXECUTE format(
    $fn$CREATE FUNCTION "article_search_config"(language TEXT) RETURNS regconfig
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $body$ SELECT CASE lower(split_part(language, '-', 1)) WHEN 'en' THEN 'english'::regconfig WHEN 'hi' THEN %L::regconfig ELSE 'simple'::regconfig END $body$$fn$,
    CASE WHEN EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hindi') THEN 'hindi' ELSE 'simple' END);
END
$migration$;

-- AlterTable (Prisma would write a plain column: the document is generated from title A, summary B, body strings C)
ALTER TABLE "Article" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector("article_search_config"("language"), "title"), 'A') ||
  setweight(to_tsvector("article_search_config"("language"), coalesce("summary", '')), 'B') ||
  setweight(jsonb_to_tsvector("article_search_config"("language"), "sections", '["string"]'), 'C')
) STORED;

CREATE INDEX "Article_search_idx" ON "Article" USING GIN ("search");

-- CreateTable
CREATE TABLE "SearchTerm" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchTerm_kind_key_idx" ON "SearchTerm"("kind", "key");

-- CreateIndex (GiST, not GIN: the planner prices GIN trigram scans above a sequential scan of a table this size, wrongly)
CREATE INDEX "SearchTerm_term_idx" ON "SearchTerm" USING GIST ("term" gist_trgm_ops);

-- Whole-word matches of a query against names (article search's entity path).
CREATE INDEX "SearchTerm_term_words_idx" ON "SearchTerm" USING GIN (to_tsvector('simple', "term"));

-- Every name of one entity row: the canonical one (language '') and each localized name or alias.
-- names/labels/titles hold { lang: [name, ...aliases] } or { lang: text }.
CREATE FUNCTION "search_terms_of"(entity JSONB) RETURNS TABLE ("language" TEXT, "term" TEXT)
  LANGUAGE sql IMMUTABLE AS $body$
  SELECT DISTINCT ON (t.term) t.language, t.term FROM (
    SELECT '' AS language, coalesce(entity->>'name', entity->>'label', entity->>'title') AS term
    UNION ALL
    SELECT e.key, v.value
    FROM jsonb_each(coalesce(entity->'names', entity->'labels', entity->'titles', '{}')) AS e,
         jsonb_array_elements_text(CASE jsonb_typeof(e.value) WHEN 'array' THEN e.value ELSE jsonb_build_array(e.value) END) AS v
  ) t
  WHERE t.term IS NOT NULL AND t.term <> ''
  ORDER BY t.term, t.language
$body$;

-- Keeps SearchTerm in step with Person, Country, Tag and Event rows.
CREATE FUNCTION "search_terms_refresh"() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "SearchTerm" WHERE "kind" = TG_TABLE_NAME AND "key" = coalesce(to_jsonb(OLD)->>'id', to_jsonb(OLD)->>'code');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "SearchTerm" ("kind", "key", "language", "term")
    SELECT TG_TABLE_NAME, coalesce(to_jsonb(NEW)->>'id', to_jsonb(NEW)->>'code'), s.language, s.term FROM "search_terms_of"(to_jsonb(NEW)) s;
  END IF;
  RETURN NULL;
END
$body$;

CREATE TRIGGER "Person_search_terms" AFTER INSERT OR DELETE OR UPDATE OF "name", "names" ON "Person" FOR EACH ROW EXECUTE FUNCTION "search_terms_refresh"();
CREATE TRIGGER "Country_search_terms" AFTER INSERT OR DELETE OR UPDATE OF "name", "names" ON "Country" FOR EACH ROW EXECUTE FUNCTION "search_terms_refresh"();
CREATE TRIGGER "Tag_search_terms" AFTER INSERT OR DELETE OR UPDATE OF "label", "labels" ON "Tag" FOR EACH ROW EXECUTE FUNCTION "search_terms_refresh"();
CREATE TRIGGER "Event_search_terms" AFTER INSERT OR DELETE OR UPDATE OF "title", "titles" ON "Event" FOR EACH ROW EXECUTE FUNCTION "search_terms_refresh"();

-- Rows that exist already.
INSERT INTO "SearchTerm" ("kind", "key", "language", "term")
SELECT 'Person', p."id"::text, s.language, s.term FROM "Person" p, "search_terms_of"(to_jsonb(p)) s
UNION ALL SELECT 'Country', c."code", s.language, s.term FROM "Country" c, "search_terms_of"(to_jsonb(c)) s
UNION ALL SELECT 'Tag', t."id"::text, s.language, s.term FROM "Tag" t, "search_terms_of"(to_jsonb(t)) s
UNION ALL SELECT 'Event', e."id"::text, s.language, s.term FROM "Event" e, "search_terms_of"(to_jsonb(e)) s;
