package org.tandem.pbx.prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tandem.pbx.prompt.internal.PromptStore;
import org.tandem.pbx.validation.InUseException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The prompts by language and id, as samples ready to play (8 kHz 16-bit mono). All are read once at start-up, so
 * call flows never touch the disk on a SIP thread: on a thread of their own, started by the constructor, while the rest
 * of the appliance starts (the 727 shipped WAVs are ~0.3 s of CPU); every method waits for that read, and the
 * appliance's start waits for it before SIP opens ({@link PromptConfiguration}), so no SIP thread ever waits. An
 * admin's recording ({@link #upload}, any common audio format) in {@code <data-dir>/prompts/<lang>/} replaces the
 * shipped prompt of the same id in that language, or adds a prompt of the admin's own (e.g. an IVR greeting).
 * {@link #in(Language)} speaks one language, falling back to English for a prompt that language lacks; the methods
 * without a language are English.
 */
public class Prompts {

    /** Ids of prompts an admin adds (IVR greetings of their own): lower case, digits and '-'. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    private final CompletableFuture<Map<Language, PromptStore>> loaded = new CompletableFuture<>();
    private final Map<Language, LanguagePrompts> views = new EnumMap<>(Language.class);
    private volatile Supplier<List<PromptUse>> uses = List::of;

    /** Starts reading the shipped prompts and the admin's recordings in {@code dataDir}. */
    public Prompts(Path dataDir) {
        this(language -> new PromptStore(language, dataDir, ID));
    }

    Prompts(Function<Language, PromptStore> reader) {
        for (Language l : Language.values()) views.put(l, new LanguagePrompts(this, l));
        Thread loader = new Thread(
                () -> {
                    try {
                        Map<Language, PromptStore> read = new EnumMap<>(Language.class);
                        for (Language l : Language.values()) read.put(l, reader.apply(l));
                        loaded.complete(read);
                    } catch (RuntimeException | Error e) {
                        loaded.completeExceptionally(e);
                    }
                },
                "tandem-prompt-load");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Waits until every prompt is read.
     *
     * @throws RuntimeException what made the read fail (a shipped prompt missing from the build), as thrown
     */
    public void awaitLoaded() {
        stores();
    }

    private Map<Language, PromptStore> stores() {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Where to ask, before an own prompt is removed, what still names it (the IVR menus). */
    public void checkUsesWith(Supplier<List<PromptUse>> uses) {
        this.uses = uses;
    }

    /** The prompts spoken in {@code language} (English where it lacks one). */
    public LanguagePrompts in(Language language) {
        return views.get(language);
    }

    /** Every prompt id: the shipped English set, then the admin's own in any language, sorted. */
    public Set<String> ids() {
        Set<String> all = new LinkedHashSet<>(stores().get(Language.EN).shippedIds());
        all.addAll(ownIds());
        return all;
    }

    /** The ids of {@code language}: its shipped set, then the admin's own in any language, sorted. */
    public Set<String> ids(Language language) {
        Set<String> all = new LinkedHashSet<>(stores().get(language).shippedIds());
        all.addAll(ownIds());
        return all;
    }

    private Set<String> ownIds() {
        Set<String> own = new TreeSet<>();
        Map<Language, PromptStore> stores = stores();
        for (PromptStore s : stores.values()) {
            s.ownIds().stream()
                    .filter(id -> !stores.get(Language.EN).isShipped(id))
                    .forEach(own::add);
        }
        return own;
    }

    /** Whether {@code id} can be played (in some language). */
    public boolean exists(String id) {
        return stores().values().stream().anyMatch(s -> s.find(id) != null);
    }

    /** The shipped English prompt's words (null for an admin's own prompt). */
    public String text(String id) {
        return text(Language.EN, id);
    }

    /** The shipped prompt's words in {@code language} (null when that set has no such prompt). */
    public String text(Language language, String id) {
        return stores().get(language).text(id);
    }

    public boolean isShipped(String id) {
        return stores().get(Language.EN).isShipped(id);
    }

    /** Whether an admin's English recording replaces (or, for an own id, is) this prompt. */
    public boolean isUploaded(String id) {
        return isUploaded(Language.EN, id);
    }

    public boolean isUploaded(Language language, String id) {
        return stores().get(language).isUploaded(id);
    }

    /** Whether {@code language} has {@code id} itself (shipped or uploaded), not by falling back to English. */
    public boolean has(Language language, String id) {
        return stores().get(language).find(id) != null;
    }

    /** Length of the English prompt as played. */
    public Duration length(String id) {
        return in(Language.EN).length(id);
    }

    /** Stores an admin's English recording; see {@link #upload(Language, String, byte[])}. */
    public void upload(String id, byte[] audio) {
        upload(Language.EN, id, audio);
    }

    /**
     * Stores an admin's recording (any format {@link PromptAudio} reads, converted to 8 kHz 16-bit mono) in
     * {@code language} for a shipped id (replacing it) or a new own id; written durably (temp, fsync, rename).
     * Blocking: REST threads only.
     *
     * @throws InvalidInputException on "id" or "file"
     */
    public synchronized void upload(Language language, String id, byte[] audio) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "prompt.id");
        }
        stores().get(language).store(id, PromptAudio.toEngineFormat(audio));
    }

    /** Removes the admin's English recording; see {@link #removeUpload(Language, String)}. */
    public boolean removeUpload(String id) {
        return removeUpload(Language.EN, id);
    }

    /**
     * Removes the admin's recording in {@code language}: a shipped prompt is back to the shipped one, an own prompt
     * is gone from that language.
     *
     * @return false when there was no uploaded recording for {@code id}
     * @throws InUseException when an own prompt would be gone from every language while an IVR menu names it
     */
    public synchronized boolean removeUpload(Language language, String id) {
        if (id == null || !ID.matcher(id).matches()) return false;
        List<String> users = usesIfRemoved(language, id);
        if (!users.isEmpty()) throw new InUseException("Prompt " + id, users);
        return stores().get(language).remove(id);
    }

    /**
     * What would be left naming a prompt that is gone if the admin's recording of {@code id} in {@code language} were
     * removed (IVR menus, queues, ...): nothing when a shipped prompt or a copy in another language remains.
     */
    public synchronized List<String> usesIfRemoved(Language language, String id) {
        if (id == null || !ID.matcher(id).matches()) return List.of();
        Map<Language, PromptStore> stores = stores();
        PromptStore store = stores.get(language);
        boolean lastCopy = !store.isShipped(id)
                && store.find(id) != null
                && stores.entrySet().stream()
                        .noneMatch(e -> e.getKey() != language && e.getValue().find(id) != null);
        if (!lastCopy) return List.of();
        List<String> users = new ArrayList<>();
        for (PromptUse use : uses.get()) users.addAll(use.usesOf(id));
        return users;
    }

    /** The English prompt; @throws IllegalArgumentException for an id that is in no set */
    public short[] get(String id) {
        return in(Language.EN).get(id);
    }

    /** The English prompts for {@code ids}, in order. */
    public List<short[]> all(String... ids) {
        return in(Language.EN).all(ids);
    }

    /** A number said digit by digit in English ("two zero one"). */
    public List<short[]> digits(String number) {
        return in(Language.EN).digits(number);
    }

    /** A count as English words, 0–999 ("one hundred twenty three"). */
    public List<short[]> number(int n) {
        return in(Language.EN).number(n);
    }

    /** {@code id} in {@code language}, else in English, else in any language that has it (an own prompt); or null. */
    short[] resolve(Language language, String id) {
        Map<Language, PromptStore> stores = stores();
        short[] pcm = stores.get(language).find(id);
        if (pcm == null) pcm = stores.get(Language.EN).find(id);
        if (pcm == null) {
            for (PromptStore s : stores.values()) {
                pcm = s.find(id);
                if (pcm != null) break;
            }
        }
        return pcm;
    }
}
