package org.tandem.webui.frame;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * An entry of the admin side menu, in its {@link MenuSection} at its {@code order}. Each page contributes one as a bean,
 * so a feature adds its page without touching the frame.
 */
public record AdminPage(
        String title, Class<? extends Component> view, VaadinIcon icon, int order, MenuSection section) {}
