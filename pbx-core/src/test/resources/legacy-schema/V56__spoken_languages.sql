-- Prompts in more languages (issue 18): the language (en, de, fr, es: org.tandem.pbx.prompt.Language) a user's
-- voicemail menus, an IVR menu, a queue and a conference room speak. NULL follows the system default, which the setup
-- wizard keeps with the other settings (key 'language').
ALTER TABLE sip_user ADD COLUMN language VARCHAR(2);
ALTER TABLE ivr_menu ADD COLUMN language VARCHAR(2);
ALTER TABLE call_queue ADD COLUMN language VARCHAR(2);
ALTER TABLE conference_room ADD COLUMN language VARCHAR(2);
