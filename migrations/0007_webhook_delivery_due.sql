-- Claiming due webhook deliveries (issue 14): the claim takes the oldest waiting deliveries first. Without
-- this index each claim read and sorted every waiting delivery (after a receiver's outage, a backlog of
-- thousands sorted again for each batch of ten); with it the claim walks the waiting rows oldest first and
-- stops after its batch. Only waiting rows are in it: a claimed or finished delivery leaves it.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (created_at, id)
  WHERE status IN ('pending', 'failed');
