package org.tandem.webui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every page's browser-tab title is in the UI's language (issue 18): each route names its page ({@link PageName}),
 * takes its title from {@link TranslatedTitle} rather than Vaadin's fixed {@code @PageTitle}, and its name has a text.
 */
class PageTitlesTest {

    private final UiTexts texts = new UiTexts();

    static List<Class<?>> routes() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        List<Class<?>> found = new java.util.ArrayList<>();
        for (BeanDefinition d : scan.findCandidateComponents("org.tandem.webui"))
            found.add(Class.forName(d.getBeanClassName()));
        return found;
    }

    @Test
    void everyRouteHasATranslatedTitle() throws ClassNotFoundException {
        List<Class<?>> routes = routes();
        assertThat(routes).hasSizeGreaterThan(30);
        for (Class<?> route : routes) {
            assertThat(route.getAnnotation(PageTitle.class))
                    .as(route + ": @PageTitle is English only")
                    .isNull();
            assertThat(TranslatedTitle.class).as(route.getName()).isAssignableFrom(route);
            PageName name = route.getAnnotation(PageName.class);
            assertThat(name).as(route + " names its page").isNotNull();
            for (Locale l : UiTexts.LOCALES) {
                assertThat(texts.getTranslation(UiTexts.pageKey(name.value()), l))
                        .as(route + " in " + l)
                        .isNotEqualTo(UiTexts.pageKey(name.value()));
            }
        }
    }

    @PageName("Users")
    private final class German implements TranslatedTitle {
        @Override
        public String getTranslation(String key, Object... params) {
            return texts.getTranslation(key, Locale.GERMAN, params);
        }
    }

    @PageName("Nothing of ours")
    private final class Unknown implements TranslatedTitle {
        @Override
        public String getTranslation(String key, Object... params) {
            return texts.getTranslation(key, Locale.FRENCH, params);
        }
    }

    @Test
    void theTitleIsThePagesTextAndTheProduct() {
        assertThat(new German().getPageTitle()).isEqualTo("Benutzer · Tandem");
        assertThat(new Unknown().getPageTitle()).as("no text: the English name").isEqualTo("Nothing of ours · Tandem");
    }
}
