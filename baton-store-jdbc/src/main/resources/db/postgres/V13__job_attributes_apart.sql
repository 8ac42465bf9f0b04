-- A job's attributes (client, trace context, webhook, schedule, affinity) never change once it is
-- stored, but as part of the JSON body every update of the job wrote them again: the store's single
-- writer serialized them for each step, and a traced job's context was most of its body. They now
-- have a column of their own, written by the insert alone. Rows written before keep them in the
-- body, where a reader still finds them when this column is null.
ALTER TABLE jobs ADD COLUMN attributes TEXT;
