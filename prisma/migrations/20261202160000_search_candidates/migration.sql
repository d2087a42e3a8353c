-- AlterTable
ALTER TABLE "ArticlePerson" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ArticleCountry" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ArticleEvent" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- Links that exist already (before the indexes, so they are built once). Copying a date changes no article: the change
-- log and the link counts' triggers stay out of it.
ALTER TABLE "ArticlePerson" DISABLE TRIGGER "ArticlePerson_change_log", DISABLE TRIGGER "ArticlePerson_count_update";
ALTER TABLE "ArticleCountry" DISABLE TRIGGER "ArticleCountry_change_log", DISABLE TRIGGER "ArticleCountry_count_update";
ALTER TABLE "ArticleEvent" DISABLE TRIGGER "ArticleEvent_change_log", DISABLE TRIGGER "ArticleEvent_count_update";
UPDATE "ArticlePerson" j SET "publishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = j."articleId";
UPDATE "ArticleCountry" j SET "publishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = j."articleId";
UPDATE "ArticleEvent" j SET "publishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = j."articleId";
ALTER TABLE "ArticlePerson" ENABLE TRIGGER "ArticlePerson_change_log", ENABLE TRIGGER "ArticlePerson_count_update";
ALTER TABLE "ArticleCountry" ENABLE TRIGGER "ArticleCountry_change_log", ENABLE TRIGGER "ArticleCountry_count_update";
ALTER TABLE "ArticleEvent" ENABLE TRIGGER "ArticleEvent_change_log", ENABLE TRIGGER "ArticleEvent_count_update";

-- CreateIndex
CREATE INDEX "ArticlePerson_personId_publishedAt_articleId_idx" ON "ArticlePerson"("personId", "publishedAt" DESC, "articleId" DESC);

-- CreateIndex
CREATE INDEX "ArticleCountry_countryCode_publishedAt_articleId_idx" ON "ArticleCountry"("countryCode", "publishedAt" DESC, "articleId" DESC);

-- CreateIndex
CREATE INDEX "ArticleEvent_eventId_publishedAt_articleId_idx" ON "ArticleEvent"("eventId", "publishedAt" DESC, "articleId" DESC);

-- A new or moved person, country or event link copies its article's publishedAt, as tag links do (the function of
-- 20261128233000_tag_article_order reads only NEW."articleId", so it serves every link table).
CREATE TRIGGER "ArticlePerson_published_at" BEFORE INSERT OR UPDATE OF "articleId", "publishedAt" ON "ArticlePerson"
FOR EACH ROW EXECUTE FUNCTION "article_tag_published_at"();
CREATE TRIGGER "ArticleCountry_published_at" BEFORE INSERT OR UPDATE OF "articleId", "publishedAt" ON "ArticleCountry"
FOR EACH ROW EXECUTE FUNCTION "article_tag_published_at"();
CREATE TRIGGER "ArticleEvent_published_at" BEFORE INSERT OR UPDATE OF "articleId", "publishedAt" ON "ArticleEvent"
FOR EACH ROW EXECUTE FUNCTION "article_tag_published_at"();

-- A change of an article's publishedAt reaches all its links (the trigger keeps its name and calls this function).
CREATE OR REPLACE FUNCTION "article_published_at_to_tags"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArticleTag" SET "publishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  UPDATE "ArticlePerson" SET "publishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  UPDATE "ArticleCountry" SET "publishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  UPDATE "ArticleEvent" SET "publishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  RETURN NULL;
END $$;
