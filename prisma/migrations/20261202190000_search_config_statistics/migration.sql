-- Statistics on each article's search configuration (english, hindi, simple): without them the planner takes a text
-- match for rare (a function's result has no statistics), so the newest matches of a common word were read as a bitmap
-- of all its matches, sorted, instead of walking the publishedAt index until enough matched.
CREATE STATISTICS "Article_search_config_stats" ON ("article_search_config"("language")) FROM "Article";
ANALYZE "Article";
