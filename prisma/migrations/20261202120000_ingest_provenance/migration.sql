-- CreateEnum
CREATE TYPE "LinkSource" AS ENUM ('INGEST', 'EDITOR', 'SAMPLE');

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "contentHash" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "reviewed" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ArticlePerson" ADD COLUMN     "source" "LinkSource" NOT NULL DEFAULT 'EDITOR';

-- AlterTable
ALTER TABLE "ArticleCountry" ADD COLUMN     "source" "LinkSource" NOT NULL DEFAULT 'EDITOR';

-- AlterTable
ALTER TABLE "ArticleTag" ADD COLUMN     "source" "LinkSource" NOT NULL DEFAULT 'EDITOR';

-- AlterTable
ALTER TABLE "ArticleEvent" ADD COLUMN     "source" "LinkSource" NOT NULL DEFAULT 'EDITOR';

-- CreateTable
CREATE TABLE "RejectedPersonName" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rejectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RejectedPersonName_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Article_contentHash_idx" ON "Article"("contentHash");
