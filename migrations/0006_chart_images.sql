-- Chart PNGs behind the signed links of ephemeral answers and the App Home (image blocks need a
-- URL Slack can fetch). Stored in the database, not on local disk, so whichever replica Slack's
-- image fetcher reaches can serve them. Rows are deleted after expires_at by pruneChartImages.
CREATE TABLE chart_images (
  id          text        PRIMARY KEY,
  png         bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

CREATE INDEX chart_images_expires_at ON chart_images (expires_at);
