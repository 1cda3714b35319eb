-- Cross-organisation policy (docs/organisation-policy.md).
--
-- organisation_policies: one organisation's stance towards another, or (other_organisation_id
-- = the all-zero UUID) towards every organisation that has no rule of its own. Two people of
-- different organisations may be together only where both organisations' stances allow it:
-- 'allowed' anywhere, 'named-teams' only in the teams listed in organisation_policy_teams,
-- 'blocked' nowhere. No row at all means 'allowed' (Confer's behaviour before this table).
CREATE TABLE organisation_policies (
    organisation_id        UUID                     NOT NULL,
    other_organisation_id  UUID                     NOT NULL,
    mode                   VARCHAR(16)              NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by             UUID                     NOT NULL,
    CONSTRAINT organisation_policies_pk PRIMARY KEY (organisation_id, other_organisation_id),
    CONSTRAINT organisation_policies_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT organisation_policies_updated_by_fk FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT organisation_policies_mode_ck CHECK (mode IN ('allowed', 'blocked', 'named-teams')),
    CONSTRAINT organisation_policies_not_self_ck CHECK (organisation_id <> other_organisation_id)
);

CREATE TABLE organisation_policy_teams (
    organisation_id        UUID NOT NULL,
    other_organisation_id  UUID NOT NULL,
    team_id                UUID NOT NULL,
    CONSTRAINT organisation_policy_teams_pk PRIMARY KEY (organisation_id, other_organisation_id, team_id),
    CONSTRAINT organisation_policy_teams_policy_fk FOREIGN KEY (organisation_id, other_organisation_id)
        REFERENCES organisation_policies (organisation_id, other_organisation_id) ON DELETE CASCADE,
    CONSTRAINT organisation_policy_teams_team_fk FOREIGN KEY (team_id) REFERENCES teams (id)
);
