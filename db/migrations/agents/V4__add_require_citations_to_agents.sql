-- An agent may require its runs to be grounded: a run that finds fewer than two good
-- excerpts in the agent's knowledge collections fails before the provider is called.

ALTER TABLE agents ADD COLUMN require_citations boolean NOT NULL DEFAULT false;
