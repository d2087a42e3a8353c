-- Relevance puts title matches first, newest first (src/sql/article-search.ts, titleMatchSql): the title's document,
-- generated in the article language's configuration like "search", and its GIN index find them without reading
-- every match of the whole text; stored, so a walk down the publishedAt index tests it without parsing titles.
ALTER TABLE "Article" ADD COLUMN "titleSearch" tsvector GENERATED ALWAYS AS (to_tsvector("article_search_config"("language"), "title")) STORED;
CREATE INDEX "Article_titleSearch_idx" ON "Article" USING GIN ("titleSearch");
ANALYZE "Article";
