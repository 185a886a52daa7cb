package org.tandem.webui.trunks;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import org.tandem.pbx.trunk.ProviderTemplate;

/** What a provider template says beyond the form's fields (issue 17): its notes, number format, and its sources. */
final class ProviderNotes {

    private ProviderNotes() {}

    /** @param in the editor that shows the notes: its language */
    static Div of(ProviderTemplate t, Component in) {
        Div notes = new Div();
        notes.setId("trunk-template-notes");
        String name = t.name() + (t.notes() == null ? "" : ". " + t.notes());
        notes.add(new Paragraph(in.getTranslation("trunks.template.name", name)));
        if (t.numberFormat() != null) {
            notes.add(new Paragraph(in.getTranslation("trunks.template.number-format", t.numberFormat())));
        }
        if (t.callerIdHeader() != null) {
            notes.add(new Paragraph(in.getTranslation("trunks.template.caller-id-header", t.callerIdHeader())));
        }
        for (String source : t.sources()) {
            Anchor link = new Anchor(source, source, AnchorTarget.BLANK);
            notes.add(new Div(link));
        }
        return notes;
    }
}
