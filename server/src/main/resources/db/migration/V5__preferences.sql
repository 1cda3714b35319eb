-- A person's own settings of the web client (notifications, sound, muted conversations, theme,
-- time format), kept on the server so that they follow the person to every device, including
-- the shared PCs of a ward. One row per person who changed anything; absent means defaults.
CREATE TABLE user_preferences (
    user_id      UUID                     NOT NULL,
    preferences  VARCHAR(32000)           NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_preferences_pk PRIMARY KEY (user_id),
    CONSTRAINT user_preferences_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
