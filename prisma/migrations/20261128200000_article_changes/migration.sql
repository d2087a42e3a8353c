-- CreateEnum
CREATE TYPE "ArticleChangeKind" AS ENUM ('CREATED', 'UPDATED', 'DELETED');

-- CreateTable
CREATE TABLE "ArticleChange" (
    "seq" BIGSERIAL NOT NULL,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "articleId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "ArticleChangeKind" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ArticleChange_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "ArticleChange_xid_seq_idx" ON "ArticleChange"("xid", "seq");

-- CreateIndex
CREATE INDEX "ArticleChange_articleId_xid_idx" ON "ArticleChange"("articleId", "xid");


-- The change log is written by triggers, never by the application. Readers page by (xid, seq) and only read
-- rows of transactions older than pg_snapshot_xmin(pg_current_snapshot()): every such transaction has ended,
-- so a row that becomes visible later always sorts after every row already read.
CREATE FUNCTION "article_change_log"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "ArticleChange" ("articleId", "slug", "kind", "changedAt", "deletedAt")
    VALUES (OLD."id", OLD."slug", 'DELETED', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC');
  ELSIF TG_OP = 'UPDATE' AND OLD."deletedAt" IS NOT NULL AND NEW."deletedAt" IS NOT NULL THEN
    RETURN NULL; -- a change to an article that stays deleted is nobody's business
  ELSE
    INSERT INTO "ArticleChange" ("articleId", "slug", "kind", "changedAt", "deletedAt")
    VALUES (NEW."id", NEW."slug",
      CASE WHEN NEW."deletedAt" IS NOT NULL THEN 'DELETED'
           WHEN TG_OP = 'INSERT' OR OLD."deletedAt" IS NOT NULL THEN 'CREATED'
           ELSE 'UPDATED' END::"ArticleChangeKind",
      now() AT TIME ZONE 'UTC', NEW."deletedAt");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Article_change_log" AFTER INSERT OR UPDATE OR DELETE ON "Article"
FOR EACH ROW EXECUTE FUNCTION "article_change_log"();

-- A change to an article's persons, countries, tags or events is an UPDATED change of the article,
-- unless the same transaction already logged one for it (creating an article with its links is one CREATED).
CREATE FUNCTION "article_link_change_log"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_id integer := CASE WHEN TG_OP = 'DELETE' THEN OLD."articleId" ELSE NEW."articleId" END;
BEGIN
  INSERT INTO "ArticleChange" ("articleId", "slug", "kind", "changedAt")
  SELECT a."id", a."slug", 'UPDATED', now() AT TIME ZONE 'UTC'
  FROM "Article" a
  WHERE a."id" = changed_id AND a."deletedAt" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "ArticleChange" c WHERE c."xid" = pg_current_xact_id() AND c."articleId" = changed_id);
  RETURN NULL;
END $$;

CREATE TRIGGER "ArticlePerson_change_log" AFTER INSERT OR UPDATE OR DELETE ON "ArticlePerson"
FOR EACH ROW EXECUTE FUNCTION "article_link_change_log"();
CREATE TRIGGER "ArticleCountry_change_log" AFTER INSERT OR UPDATE OR DELETE ON "ArticleCountry"
FOR EACH ROW EXECUTE FUNCTION "article_link_change_log"();
CREATE TRIGGER "ArticleTag_change_log" AFTER INSERT OR UPDATE OR DELETE ON "ArticleTag"
FOR EACH ROW EXECUTE FUNCTION "article_link_change_log"();
CREATE TRIGGER "ArticleEvent_change_log" AFTER INSERT OR UPDATE OR DELETE ON "ArticleEvent"
FOR EACH ROW EXECUTE FUNCTION "article_link_change_log"();
