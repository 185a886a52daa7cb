package org.tandem.webui.trunks;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import org.tandem.pbx.trunk.ProviderTemplate;

/** What a provider template says beyond the form's fields (issue 17): its notes, number format, and its sources. */
final class ProviderNotes {

    private ProviderNotes() {
    }

    static Div of(ProviderTemplate t) {
        Div notes = new Div();
        notes.setId("trunk-template-notes");
        notes.add(new Paragraph("Template: " + t.name() + (t.notes() == null ? "" : ". " + t.notes())));
        if (t.numberFormat() != null) notes.add(new Paragraph("Numbers as the provider wants them: " + t.numberFormat()
                + " (set the outbound routes' prefix so)."));
        if (t.callerIdHeader() != null) {
            notes.add(new Paragraph("The provider reads the caller's number from " + t.callerIdHeader() + "."));
        }
        for (String source : t.sources()) {
            Anchor link = new Anchor(source, source, AnchorTarget.BLANK);
            notes.add(new Div(link));
        }
        return notes;
    }
}
