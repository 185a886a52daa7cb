package org.tandem.pbx.prompt;

import java.util.List;

/**
 * A feature whose configuration names prompts (an IVR menu's greeting): asked before an admin's own prompt is
 * removed, so that no menu is left naming a prompt that is gone.
 */
public interface PromptUse {

    /** What names prompt {@code id}, for the admin (e.g. "IVR menu main (greeting)"); empty when nothing does. */
    List<String> usesOf(String id);
}
