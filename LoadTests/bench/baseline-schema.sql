DROP TABLE IF EXISTS baseline_ballots, baseline_tallies;
CREATE TABLE baseline_ballots (edition_id text NOT NULL, voter_key text NOT NULL, data text NOT NULL, PRIMARY KEY (edition_id, voter_key));
CREATE TABLE baseline_tallies (project_id int PRIMARY KEY, votes bigint NOT NULL, score bigint NOT NULL);
INSERT INTO baseline_tallies SELECT g, 0, 0 FROM generate_series(1, 40) g;
