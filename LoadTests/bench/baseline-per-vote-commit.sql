-- Baseline (c): the design without batching. One transaction per vote with
-- synchronous_commit = on: insert the ballot if absent, add to the project's tally.
\set voter random(1, 2000000000)
\set project random(1, 40)
BEGIN;
INSERT INTO baseline_ballots (edition_id, voter_key, data)
  VALUES ('bench', :client_id || '-' || :voter, '{"selections":[{"projectId":"' || :project || '"}]}')
  ON CONFLICT DO NOTHING;
UPDATE baseline_tallies SET votes = votes + 1, score = score + 1 WHERE project_id = :project;
COMMIT;
