-- Statistics on each article's search configuration (english, hindi, simple): without them the planner takes a text
-- match as rare (a function's result has no statistics), so "the newest 500 matches" of a common word read a bitmap
-- of all its matches and sorted them instead of walking the publishedAt index until 500 matched.
CREATE STATISTICS "Article_search_config_stats" ON ("article_search_config"("language")) FROM "Article";
ANALYZE "Article";
