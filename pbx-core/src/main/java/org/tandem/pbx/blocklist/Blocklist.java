package org.tandem.pbx.blocklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.blocklist.internal.BlocklistRepository;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.prompt.PromptUse;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Outside callers refused by number or prefix, for the whole PBX or for one user, anonymous callers optionally,
 * and what they get instead ({@link BlocklistPolicy}). Served from memory on the call path (written through to the
 * database), so screening a call never blocks a SIP thread.
 */
@Service
public class Blocklist implements PromptUse {

    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");
    /** What callers who withhold their number present instead of one (RFC 3323 §4.1.1.3; carriers' words). */
    private static final Set<String> ANONYMOUS =
            Set.of("", "anonymous", "restricted", "unknown", "unavailable", "private", "withheld");

    private final BlocklistRepository repository;
    private final UserDirectory users;
    private final Prompts prompts;
    private volatile List<BlockedNumber> entries;
    private volatile BlocklistPolicy policy;

    public Blocklist(BlocklistRepository repository, UserDirectory users, Prompts prompts) {
        this.repository = repository;
        this.users = users;
        this.prompts = prompts;
        this.entries = repository.entries();
        this.policy = repository.policy();
    }

    /** Every entry: the PBX's own first, then each user's, by number. */
    public List<BlockedNumber> list() {
        return entries;
    }

    /** The entries of {@code extension}'s own list. */
    public List<BlockedNumber> listOf(String extension) {
        return entries.stream().filter(e -> extension.equals(e.extension())).toList();
    }

    public Optional<BlockedNumber> find(long id) {
        return entries.stream().filter(e -> e.id() == id).findFirst();
    }

    /**
     * @throws InvalidInputException naming the bad fields
     * @throws DuplicateException when that list already has the entry
     */
    @Transactional
    public synchronized BlockedNumber add(BlockedNumberDraft draft) {
        BlockedNumber entry = validate(0, draft);
        duplicateCheck(entry);
        BlockedNumber stored = repository.insert(entry);
        entries = repository.entries();
        return stored;
    }

    @Transactional
    public synchronized Optional<BlockedNumber> update(long id, BlockedNumberDraft draft) {
        if (find(id).isEmpty()) return Optional.empty();
        BlockedNumber entry = validate(id, draft);
        duplicateCheck(entry);
        repository.update(entry);
        entries = repository.entries();
        return Optional.of(entry);
    }

    @Transactional
    public synchronized boolean delete(long id) {
        if (repository.delete(id) == 0) return false;
        entries = repository.entries();
        return true;
    }

    public BlocklistPolicy policy() {
        return policy;
    }

    /**
     * @param treatment BUSY, DECLINE, FORBIDDEN or PROMPT; null keeps the current one
     * @param prompt    the prompt of PROMPT (must exist); null keeps the current one
     */
    @Transactional
    public synchronized BlocklistPolicy setPolicy(Boolean blockAnonymous, String treatment, String prompt) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        BlockTreatment t = policy.treatment();
        if (treatment != null) {
            try {
                t = BlockTreatment.valueOf(treatment.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("treatment", FieldError.of("blocklist.treatment"));
            }
        }
        String p = prompt == null || prompt.isBlank() ? policy.prompt() : prompt.strip();
        if (!prompts.exists(p)) errors.put("prompt", FieldError.of("blocklist.no-prompt", p));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        BlocklistPolicy next =
                new BlocklistPolicy(blockAnonymous == null ? policy.blockAnonymous() : blockAnonymous, t, p);
        repository.savePolicy(next);
        policy = next;
        return next;
    }

    /**
     * Why {@code callerNumber} may not reach {@code extension} (its own list), or with {@code extension} null the PBX
     * at all (the PBX's list, anonymous callers): {@code blocklist:global}, {@code blocklist:anonymous},
     * {@code blocklist:<extension>}; empty when it may. Memory only.
     */
    public Optional<String> blockedBy(String callerNumber, String extension) {
        String caller = callerNumber == null ? "" : callerNumber.strip();
        if (extension == null && policy.blockAnonymous() && ANONYMOUS.contains(caller.toLowerCase(Locale.ROOT))) {
            return Optional.of("blocklist:anonymous");
        }
        if (!NUMBER.matcher(caller).matches()) return Optional.empty();
        for (BlockedNumber e : entries) {
            boolean ownList = extension == null ? e.extension() == null : extension.equals(e.extension());
            if (ownList && e.matches(caller)) {
                return Optional.of(extension == null ? "blocklist:global" : "blocklist:" + extension);
            }
        }
        return Optional.empty();
    }

    /** The policy's prompt may not be removed while it is the treatment's. */
    @Override
    public List<String> usesOf(String id) {
        BlocklistPolicy p = policy;
        return p.treatment() == BlockTreatment.PROMPT && id.equals(p.prompt())
                ? List.of("the blocklist's treatment")
                : List.of();
    }

    /** A deleted user's list goes with them (the rows by their foreign key). */
    @EventListener
    void on(UserChanged changed) {
        if (changed.deleted()) entries = repository.entries();
    }

    private BlockedNumber validate(long id, BlockedNumberDraft draft) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (draft == null) throw new InvalidInputException("number", "common.required");
        String number = draft.number() == null
                ? ""
                : draft.number().strip().replace(" ", "").replace("-", "");
        if (!NUMBER.matcher(number).matches()) {
            errors.put("number", FieldError.of("blocklist.number"));
        }
        String ext = draft.extension() == null || draft.extension().isBlank()
                ? null
                : draft.extension().strip();
        if (ext != null && !users.exists(ext)) errors.put("extension", FieldError.of("common.no-user", ext));
        String note = draft.note() == null || draft.note().isBlank()
                ? null
                : draft.note().strip();
        if (note != null && note.length() > 128) errors.put("note", FieldError.of("common.at-most-characters", 128));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new BlockedNumber(id, number, Boolean.TRUE.equals(draft.prefix()), ext, note);
    }

    private void duplicateCheck(BlockedNumber entry) {
        List<BlockedNumber> same = new ArrayList<>();
        for (BlockedNumber e : entries) {
            if (e.id() != entry.id()
                    && e.prefix() == entry.prefix()
                    && Objects.equals(e.extension(), entry.extension())
                    && BlockedNumber.digits(e.number()).equals(BlockedNumber.digits(entry.number()))) {
                same.add(e);
            }
        }
        if (!same.isEmpty()) {
            String kind = entry.prefix() ? "prefix" : "number";
            throw entry.extension() == null
                    ? new DuplicateException(
                            "duplicate.blocklist-" + kind + "-pbx",
                            entry.number(),
                            same.get(0).id())
                    : new DuplicateException(
                            "duplicate.blocklist-" + kind + "-user",
                            entry.number(),
                            entry.extension(),
                            same.get(0).id());
        }
    }
}
