package org.tandem.appliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.call.CallEvent;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * The module map of docs/architecture.md, checked: dependencies point one way (appliance → pbx-core), views and
 * controllers stay thin (no SIP stack, no repositories) and live in a feature package of the API, no feature reaches
 * into another feature's {@code internal} package, and feature packages never import each other in a loop.
 */
@AnalyzeClasses(packages = "org.tandem", importOptions = ArchitectureTest.ProductionCodeOnly.class)
class ArchitectureTest {

    /**
     * Main classes of every module, whether Maven hands them over as directories or jars; not the classes Spring's
     * ahead-of-time processing generates into the appliance's (bean definitions, autowiring, proxies): they name every
     * bean of every module, internal ones too, and are checked by being what the context runs on.
     */
    static final class ProductionCodeOnly implements ImportOption {
        private static final Pattern GENERATED =
                Pattern.compile(".*/[^/]*(__[A-Z][A-Za-z]*|\\$\\$SpringCGLIB\\$\\$)[^/]*\\.class$");

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/")
                    && !location.matches(Pattern.compile(".*-tests\\.jar.*"))
                    && !location.matches(GENERATED);
        }
    }

    /**
     * The appliance's context is generated at build time (spring-boot:process-aot, run with
     * {@code -Dspring.aot.enabled=true} by the packaged start script; issue 23, cold start), which fixes which beans
     * exist: a condition on a setting or a profile would be decided on the build machine, not by the admin's
     * settings. So no bean of ours is conditional; a feature that can be off is a bean that reads its setting.
     */
    @ArchTest
    static final ArchRule noBeanDependsOnASettingOrProfile = noClasses()
            .should()
            .beMetaAnnotatedWith(Conditional.class)
            .because("the beans are fixed when the build generates the context (installer/src/deb/lib/start)");

    @ArchTest
    static final ArchRule noBeanMethodDependsOnASettingOrProfile = noMethods()
            .should()
            .beMetaAnnotatedWith(Conditional.class)
            .because("the beans are fixed when the build generates the context (installer/src/deb/lib/start)");

    @ArchTest
    static final ArchRule pbxCoreDoesNotKnowTheAppliance = noClasses()
            .that()
            .resideInAPackage("org.tandem.pbx..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tandem.appliance..")
            .because("dependencies point one way: appliance → pbx-core → media (docs/architecture.md)");

    /** Where sip-core's classes come from: its classes directory in the reactor, or its jar. */
    private static final Pattern SIP_CORE_LOCATION = Pattern.compile(".*/sip-core(/target/classes/|-[^/]*\\.jar!/).*");

    private static final DescribedPredicate<JavaClass> IN_SIP_CORE = DescribedPredicate.describe(
            "the module sip-core",
            c -> c.getSource()
                    .map(s -> SIP_CORE_LOCATION.matcher(s.getUri().toString()).matches())
                    .orElse(false));

    /**
     * The SIP core (module sip-core: {@code sip}, {@code auth}, {@code registrar}, {@code security} and what every
     * feature shares: {@code config}, {@code concurrent}, {@code files}, {@code validation}) knows no PBX feature of
     * pbx-core; where it needs one it declares a port that the feature implements ({@code auth.SipAccounts}).
     */
    @ArchTest
    static final ArchRule sipCoreKnowsNoPbxFeature = noClasses()
            .that(IN_SIP_CORE)
            .should()
            .dependOnClassesThat(DescribedPredicate.describe(
                    "are pbx classes outside sip-core",
                    c -> c.getBaseComponentType().getPackageName().startsWith("org.tandem.pbx")
                            && !IN_SIP_CORE.test(c.getBaseComponentType()))) // an array has no source of its own
            .because(
                    "pbx-core builds the PBX on the SIP core, never the other way round (issue 14, docs/architecture.md)");

    @ArchTest
    static final ArchRule pbxCoreDoesNotKnowTheWebUi = noClasses()
            .that()
            .resideInAPackage("org.tandem.pbx..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tandem.webui..")
            .because("dependencies point one way: appliance → webui → pbx-core (docs/architecture.md)");

    /**
     * The operations module (backup and restore, the host's network, upload limits: issue 14) sits above pbx-core:
     * it backs up and restores every module's tables and files, and the PBX runs without it. Telephony never uses it;
     * where the PBX needs something of it, it declares a port there, as {@code auth.SipAccounts} does in sip-core.
     */
    @ArchTest
    static final ArchRule pbxCoreDoesNotKnowOperations = noClasses()
            .that()
            .resideInAPackage("org.tandem.pbx..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tandem.operations..")
            .because("dependencies point one way: appliance → webui → operations → pbx-core (docs/architecture.md)");

    @ArchTest
    static final ArchRule operationsKnowsNoModuleAboveIt = noClasses()
            .that()
            .resideInAPackage("org.tandem.operations..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.tandem.appliance..", "org.tandem.webui..", "org.tandem.provisioning..")
            .because("operations builds on pbx-core only; the web UI and the appliance use it (docs/architecture.md)");

    @ArchTest
    static final ArchRule webUiDoesNotKnowTheAppliance = noClasses()
            .that()
            .resideInAPackage("org.tandem.webui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tandem.appliance..")
            .because("the appliance implements the ports the web UI declares, not the other way round");

    /**
     * The REST API and the HTTP security in front of it do not use the web UI (issue 14): what both need (the store of
     * web passwords with its lockout, the accounts) lives below them, in pbx-core, and the API works the same with no
     * UI at all. Only the appliance's adapters that implement the UI's ports ({@code AdminCredentials},
     * {@code ApiTokenAdmin}, {@code CertificateAdmin}) know the web UI.
     */
    @ArchTest
    static final ArchRule theApiAndItsSecurityDoNotKnowTheWebUi = noClasses()
            .that()
            .resideInAnyPackage("org.tandem.appliance.api..", "org.tandem.appliance.security..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tandem.webui..")
            .because("the API's logins and lockout are the web UI's too, so they live below both (issue 14)");

    @ArchTest
    static final ArchRule viewsStayThin = noClasses()
            .that()
            .resideInAPackage("org.tandem.webui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.sip..", "gov.nist..", "..internal..", "org.springframework.jdbc..")
            .orShould()
            .dependOnClassesThat()
            .areAnnotatedWith(org.springframework.stereotype.Repository.class)
            .because("views call pbx-core services only, never the SIP stack or a repository (issue 5)");

    @ArchTest
    static final ArchRule mediaKnowsNoSipWebOrDatabase = noClasses()
            .that()
            .resideInAPackage("org.tandem.media..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.tandem.pbx..",
                    "org.tandem.appliance..",
                    "org.tandem.webui..",
                    "org.tandem.provisioning..",
                    "org.tandem.operations..",
                    "javax.sip..",
                    "gov.nist..",
                    "org.springframework.web..",
                    "org.springframework.jdbc..",
                    "java.sql..")
            .because(
                    "media knows nothing of SIP, Spring MVC or the database; pbx-core uses its API (docs/architecture.md)");

    @ArchTest
    static final ArchRule controllersStayThin = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.sip..", "gov.nist..", "..internal..")
            .because("controllers talk to feature services, never to the SIP stack or a repository");

    /**
     * The REST API is packaged by feature like the web UI ({@code api.users}, {@code api.trunks},
     * {@code api.phones}, ...): a controller and its request/view records live together in one feature package;
     * the {@code api} root keeps only what every feature shares ({@code ApiError}, {@code ApiErrorHandler},
     * {@code NotFoundException}).
     */
    @ArchTest
    static final ArchRule apiControllersLiveInAFeaturePackage = classes()
            .that()
            .resideInAPackage("org.tandem.appliance.api..")
            .and()
            .areMetaAnnotatedWith(Controller.class)
            .should()
            .resideInAPackage("org.tandem.appliance.api.*..")
            .because("the API is packaged by feature, as the web UI is; the api root is for shared types (issue 14)");

    /**
     * A feature package ({@code org.tandem.<module>.<feature>}, its {@code internal} included) may use another,
     * never both ways round, in every module ({@code pbx}, {@code media}, {@code provisioning}, {@code operations},
     * {@code webui}, {@code appliance}): types that two features share live in a third, lower one
     * ({@code pbx.validation}, {@code pbx.call}, {@code provisioning.Mac}), so each feature can be read, tested and
     * moved on its own.
     */
    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("org.tandem.(*).(*)..")
            .namingSlices("$1.$2")
            .should()
            .beFreeOfCycles()
            .because("a cycle makes two features one; move the shared type to a lower package (issue 14)");

    /**
     * The call path's and the REGISTER path's events go through their typed ports ({@code call.CallEvents} to
     * {@code CallListener} beans, {@code registrar.RegistrationEvents} to {@code RegistrationListener} beans), never
     * Spring's multicast: a listener of either kind written as {@code @EventListener} would never be called, as they
     * are not published there (docs/architecture.md, "Events").
     */
    @ArchTest
    static final ArchRule callAndRegistrationEventsAreHeardThroughTheirPorts = methods()
            .that()
            .areAnnotatedWith(EventListener.class)
            .or()
            .areAnnotatedWith(TransactionalEventListener.class)
            .should(notHear(CallEvent.class, Registered.class))
            .because("a call raises a dozen events: Spring's per-event multicast cost 10 % of the call's stripe "
                    + "(bench/RESULTS.md); implement CallListener or RegistrationListener instead");

    private static ArchCondition<JavaMethod> notHear(Class<?>... portEvents) {
        return new ArchCondition<>("not hear the events of a typed port") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                List<String> heard = new ArrayList<>();
                for (Class<?> port : portEvents) {
                    method.getRawParameterTypes().stream()
                            .filter(t -> t.isAssignableTo(port))
                            .forEach(t -> heard.add(t.getSimpleName()));
                    // @EventListener(CallEnded.class) on a method without the parameter
                    method.tryGetAnnotationOfType(EventListener.class)
                            .ifPresent(a -> Stream.of(a.classes())
                                    .filter(port::isAssignableFrom)
                                    .forEach(c -> heard.add(c.getSimpleName())));
                }
                for (String type : heard) {
                    events.add(SimpleConditionEvent.violated(
                            method,
                            method.getFullName() + " hears " + type
                                    + " as a Spring event; it is raised only through its port"));
                }
            }
        };
    }

    /**
     * The directories the SIP path reads from memory (users, trunks, routing, voicemail boxes, recording rules) run
     * their changes' transactions inside ({@code TransactionTemplate}), so no transaction proxy stands in front of
     * their reads: a read on a call's stripe is a plain call.
     */
    @ArchTest
    static final ArchRule sipPathDirectoriesHaveNoTransactionProxy = noMethods()
            .that()
            .areDeclaredInClassesThat()
            .belongToAnyOf(
                    UserDirectory.class,
                    TrunkDirectory.class,
                    RoutingDirectory.class,
                    VoicemailBoxes.class,
                    CallRecordings.class)
            .should()
            .beAnnotatedWith(Transactional.class)
            .because(
                    "a @Transactional method proxies the whole class, its reads on the SIP path too (bench/RESULTS.md)");

    @ArchTest
    static final ArchRule internalsStayInsideTheirFeature = classes()
            .that()
            .resideInAPackage("org.tandem..")
            .should(onlyUseInternalsOfTheirOwnFeature())
            .because("a feature's internal package is its own; others use the types at the feature root");

    private static ArchCondition<JavaClass> onlyUseInternalsOfTheirOwnFeature() {
        return new ArchCondition<>("only use internal packages of their own feature") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int internal = target.indexOf(".internal");
                    if (!target.startsWith("org.tandem.") || internal < 0) continue;
                    String feature = target.substring(0, internal);
                    String source = item.getPackageName();
                    if (!(source.equals(feature) || source.startsWith(feature + "."))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
