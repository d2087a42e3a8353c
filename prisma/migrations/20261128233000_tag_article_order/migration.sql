-- AlterTable
ALTER TABLE "ArticleTag" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- Links that exist already.
UPDATE "ArticleTag" j SET "publishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = j."articleId";

-- CreateIndex
CREATE INDEX "ArticleTag_tagId_publishedAt_articleId_idx" ON "ArticleTag"("tagId", "publishedAt" DESC, "articleId" DESC);

-- A new or moved link copies its article's publishedAt. Locking the article row waits for a concurrent change of it to
-- commit and reads its outcome, so the copy cannot miss it (the change's own trigger cannot see this uncommitted row).
-- It is the lock an update of the article takes, so a transaction that links and then updates the article (linkEntity
-- raises its version) queues behind another doing the same instead of deadlocking with it.
CREATE FUNCTION "article_tag_published_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a."publishedAt" INTO NEW."publishedAt" FROM "Article" a WHERE a."id" = NEW."articleId" FOR NO KEY UPDATE;
  RETURN NEW;
END $$;
CREATE TRIGGER "ArticleTag_published_at" BEFORE INSERT OR UPDATE OF "articleId", "publishedAt" ON "ArticleTag"
FOR EACH ROW EXECUTE FUNCTION "article_tag_published_at"();

-- A change of an article's publishedAt reaches its links.
CREATE FUNCTION "article_published_at_to_tags"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArticleTag" SET "publishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Article_published_at_to_tags" AFTER UPDATE OF "publishedAt" ON "Article"
FOR EACH ROW WHEN (OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt") EXECUTE FUNCTION "article_published_at_to_tags"();
