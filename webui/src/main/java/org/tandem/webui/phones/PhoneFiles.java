package org.tandem.webui.phones;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.serving.ConfigPreview;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Every file of one phone as the proven phone gets it, secrets (SIP and provisioning passwords, its
 * per-device URL) shown as {@code ********}: the masking is the provisioning module's, so the page never
 * holds a secret. A file's text is rendered when its panel is opened.
 */
final class PhoneFiles extends VerticalLayout {

    PhoneFiles(ConfigPreview preview, Device device, String provisioningBase) {
        setId("phone-files");
        setPadding(false);
        List<ConfigPreview.DeviceFile> files = preview.files(device);
        if (files.isEmpty()) {
            Span none = new Span(getTranslation("phones.files.vendor-unknown"));
            add(none);
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            ConfigPreview.DeviceFile file = files.get(i);
            Pre text = new Pre();
            text.setId("file-text-" + (i + 1));
            text.getStyle()
                    .set("max-height", "30em")
                    .set("overflow", "auto")
                    .set("font-size", "var(--lumo-font-size-s)");
            Details panel = new Details(
                    getTranslation(
                            file.kind() == ProvisionedFile.Kind.CONFIG
                                    ? "phones.files.configuration"
                                    : "phones.files.own-url",
                            file.name()),
                    text);
            panel.setId("file-" + (i + 1));
            panel.addOpenedChangeListener(e -> {
                if (e.isOpened() && text.getText().isEmpty()) {
                    text.setText(preview.preview(device, file.name(), provisioningBase)
                            .orElse(""));
                }
            });
            add(panel);
        }
    }

    /** {@code http://host:port/prov/} as the browser reached the appliance (the phones' base when not configured). */
    static String provisioningBase() {
        VaadinServletRequest current = VaadinServletRequest.getCurrent();
        if (current == null) return "/prov/";
        HttpServletRequest http = current.getHttpServletRequest();
        return ServletUriComponentsBuilder.fromContextPath(http)
                .path("/prov/")
                .build()
                .toUriString();
    }
}
