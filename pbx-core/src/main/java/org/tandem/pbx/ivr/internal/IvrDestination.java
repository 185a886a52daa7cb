package org.tandem.pbx.ivr.internal;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.MediaCallOnward;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;

/** {@code ivr:<menu>}: the caller is answered and goes through the menu ({@link IvrCaller}). */
@Component
public class IvrDestination implements ServedDestination {

    private final IvrMenus menus;
    private final MediaCalls calls;
    private final Prompts prompts;
    private final MediaCallOnward onward;

    private final ApplianceSetup setup;

    public IvrDestination(
            IvrMenus menus, MediaCalls calls, Prompts prompts, MediaCallOnward onward, ApplianceSetup setup) {
        this.setup = setup;
        this.menus = menus;
        this.calls = calls;
        this.prompts = prompts;
        this.onward = onward;
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.IvrMenu;
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String name = ((Destination.IvrMenu) destination).menu();
        if (menus.find(name).isEmpty()) return new RouteStep.Refuse(404, "No IVR menu " + name);
        String label = destination.toString();
        return new RouteStep.Serve(
                (invite, server, request) -> {
                    Optional<MediaCallScript> script = scriptFor(request, destination);
                    if (script.isEmpty()) calls.refuse(invite, server, 404, "No IVR menu " + name);
                    else calls.answer(invite, server, label, script.get());
                },
                label);
    }

    @Override
    public Optional<MediaCallScript> scriptFor(CallRequest call, Destination destination) {
        String name = ((Destination.IvrMenu) destination).menu();
        Language language =
                setup.languageOr(menus.find(name).map(m -> m.language()).orElse(null));
        return menus.session(name).map(s -> new IvrCaller(name, s, call, this, language));
    }

    /** The prompts in the menu's language (English where that language lacks one). */
    LanguagePrompts prompts(Language language) {
        return prompts.in(language);
    }

    /** Whether {@code id} can be played at all (an own prompt may be missing; the menu then skips it). */
    boolean exists(String id) {
        return prompts.exists(id);
    }

    MediaCallOnward onward() {
        return onward;
    }
}
