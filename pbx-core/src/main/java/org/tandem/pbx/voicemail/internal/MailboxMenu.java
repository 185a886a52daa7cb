package org.tandem.pbx.voicemail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.voicemail.Folder;
import org.tandem.pbx.voicemail.Greeting;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailMessage;

/**
 * The voicemail menus by phone. Login: *98 asks for the box ({@code #} ends it), then the PIN; *97 from the owner's
 * own (digest-authenticated) phone asks only for the PIN, and not at all while the box has none. Three wrong logins
 * end the call and count as failures for the ban registry. Then: "you have 2 new messages and 1 saved message";
 * 1 new, 2 saved, 0 options, * again, # goodbye. Per message: who and when, the audio, then 5 again, 6 next,
 * 7 delete, 9 save, * main menu. Options: 1 record the unavailable greeting, 2 the busy one, 3 back to the standard
 * greeting (recordings removed), 4 change the PIN (twice), * main menu. A message stays new until saved or deleted.
 * Ten seconds without a key repeat the menu once, then goodbye. Keys interrupt prompts. Runs on the call's stripe;
 * database, disk and bcrypt work on {@link VoicemailMenuService#io()}. This class holds the menu's states; what it
 * says is {@link MailboxPrompts}', its turn-taking {@link PromptAndCollect}'s, the PIN score {@link MailboxLogin}'s.
 */
final class MailboxMenu implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(MailboxMenu.class);

    private enum State {
        BOX,
        PIN,
        MAIN,
        MESSAGE,
        OPTIONS,
        NEW_PIN,
        NEW_PIN_AGAIN,
        RECORDING,
        WORKING,
        OUT
    }

    private final CallRequest caller;
    private final MailboxLogin login;

    private final VoicemailMenuService svc;
    private String box;
    private final boolean ownBox;
    private State state;
    private final StringBuilder digits = new StringBuilder();
    private int silentMenus;
    private final PromptAndCollect turns = new PromptAndCollect();
    private Runnable repeat = () -> {};
    private List<VoicemailMessage> messages = List.of();
    /** the messages' audio files, looked up on the menu pool with the list */
    private final Map<String, Path> audio = new ConcurrentHashMap<>();

    private int index;
    private String newPin;
    private final MailboxPrompts prompts;

    MailboxMenu(String ownBox, CallRequest caller, String source, VoicemailMenuService svc) {
        this.box = ownBox;
        this.ownBox = ownBox != null;
        this.caller = caller;
        this.login = new MailboxLogin(caller, source, svc);
        this.svc = svc;
        this.prompts = new MailboxPrompts(svc.prompts.of(ownBox));
    }

    @Override
    public void started(MediaCall call) {
        if (box == null) {
            ask(call, State.BOX, "vm-enter-mailbox");
        } else if (svc.boxes
                .find(box)
                .map(b -> b.pinSet() && !b.pinSkipOwnPhone())
                .orElse(false)) {
            ask(call, State.PIN, "vm-enter-pin");
        } else {
            loggedIn(call); // *97 from the owner's own authenticated phone, no PIN set yet
        }
    }

    // ---- keys

    @Override
    public void dtmf(MediaCall call, char key) {
        silentMenus = 0;
        switch (state) {
            case BOX, PIN, NEW_PIN, NEW_PIN_AGAIN -> {
                call.media().stopPlayback();
                if (key == '#') submit(call);
                else if (Character.isDigit(key) && digits.length() < 16) digits.append(key);
                turns.waitForKey(call, () -> submit(call));
            }
            case MAIN -> mainKey(call, key);
            case MESSAGE -> messageKey(call, key);
            case OPTIONS -> optionsKey(call, key);
            default -> {} // RECORDING: '#' ends the recording itself; WORKING/OUT: ignored
        }
    }

    private void mainKey(MediaCall call, char key) {
        switch (key) {
            case '1' -> openFolder(call, Folder.NEW);
            case '2' -> openFolder(call, Folder.SAVED);
            case '0' -> options(call);
            case '*' -> mainMenu(call);
            case '#' -> goodbye(call, "Done");
            default -> {}
        }
    }

    private void messageKey(MediaCall call, char key) {
        switch (key) {
            case '5' -> playMessage(call, false);
            case '6' -> next(call);
            case '7' ->
                work(call, () -> svc.store.delete(current().id()), ok -> {
                    messages.remove(index);
                    index--;
                    say(call, List.of(p("vm-message-deleted")), () -> next(call));
                });
            case '9' ->
                work(call, () -> svc.store.move(current().id(), Folder.SAVED).isPresent(), ok -> {
                    messages.remove(index);
                    index--;
                    say(call, List.of(p("vm-message-saved")), () -> next(call));
                });
            case '*' -> mainMenu(call);
            case '#' -> goodbye(call, "Done");
            default -> {}
        }
    }

    private void optionsKey(MediaCall call, char key) {
        switch (key) {
            case '1' -> recordGreeting(call, Greeting.UNAVAILABLE);
            case '2' -> recordGreeting(call, Greeting.BUSY);
            case '3' ->
                work(
                        call,
                        () -> {
                            svc.greetings.remove(box, Greeting.UNAVAILABLE);
                            svc.greetings.remove(box, Greeting.BUSY);
                            return svc.boxes
                                    .update(box, new VoicemailBoxDraft(null, null, null, "DEFAULT", null, null))
                                    .isPresent();
                        },
                        ok -> say(call, List.of(p("vm-greeting-standard")), () -> options(call)));
            case '4' -> ask(call, State.NEW_PIN, "vm-enter-new-pin");
            case '*' -> mainMenu(call);
            default -> {}
        }
    }

    // ---- login and PIN entry

    private void checkPin(MediaCall call, String entered) {
        work(call, () -> login.pinMatches(box, entered), ok -> {
            switch (login.attempted(box, Boolean.TRUE.equals(ok))) {
                case LOGGED_IN -> loggedIn(call);
                case TOO_MANY -> goodbye(call, "Wrong mailbox or PIN", "vm-login-incorrect", "err-too-many-attempts");
                case TRY_AGAIN ->
                    // *97 asks for the PIN again; *98 for the box and the PIN
                    say(call, List.of(p("vm-login-incorrect")), () -> {
                        if (ownBox) ask(call, State.PIN, "vm-enter-pin");
                        else ask(call, State.BOX, "vm-enter-mailbox");
                    });
            }
        });
    }

    private void submit(MediaCall call) {
        String entered = digits.toString();
        digits.setLength(0);
        switch (state) {
            case BOX -> {
                box = entered;
                ask(call, State.PIN, "vm-enter-pin");
            }
            case PIN -> {
                // Issue 22: wrong PINs count per box and caller over calls too
                if (login.lockedOut(box))
                    goodbye(call, "Too many wrong PINs: locked, try later", "err-too-many-attempts");
                else checkPin(call, entered);
            }
            case NEW_PIN -> {
                if (VoicemailBoxes.pinProblem(entered).isPresent()) {
                    say(call, List.of(p("pin-invalid")), () -> ask(call, State.NEW_PIN, "vm-enter-new-pin"));
                } else {
                    newPin = entered;
                    ask(call, State.NEW_PIN_AGAIN, "vm-reenter-new-pin");
                }
            }
            case NEW_PIN_AGAIN -> {
                if (!entered.equals(newPin)) {
                    say(call, List.of(p("vm-pins-differ")), () -> options(call));
                } else {
                    String pin = newPin;
                    work(
                            call,
                            () -> svc.boxes.setPin(box, pin),
                            ok -> say(call, List.of(p("vm-pin-changed")), () -> options(call)));
                }
            }
            default -> {}
        }
    }

    private void loggedIn(MediaCall call) {
        log.info("Voicemail menu: {} logged in to box {}", caller.callerNumber(), box);
        prompts.loggedIn(svc.prompts.of(box));
        work(call, () -> ZoneId.of(svc.setup.current().timeZone()), z -> {
            prompts.zone(z);
            mainMenu(call);
        });
    }

    // ---- main menu and messages

    private void mainMenu(MediaCall call) {
        menu(call, State.MAIN, prompts.mainMenu(svc.store.counts(box)), () -> mainMenu(call));
    }

    private void openFolder(MediaCall call, Folder folder) {
        work(
                call,
                () -> {
                    List<VoicemailMessage> list = new ArrayList<>(svc.store.list(box, folder));
                    Collections.reverse(list); // oldest first, as voicemail systems read them
                    audio.clear();
                    for (VoicemailMessage m : list) svc.store.audio(m.id()).ifPresent(path -> audio.put(m.id(), path));
                    return list;
                },
                list -> {
                    messages = list;
                    index = 0;
                    if (list.isEmpty()) say(call, List.of(p("vm-no-more-messages")), () -> mainMenu(call));
                    else playMessage(call, true);
                });
    }

    private VoicemailMessage current() {
        return messages.get(index);
    }

    private void next(MediaCall call) {
        index++;
        if (index >= messages.size()) say(call, List.of(p("vm-no-more-messages")), () -> mainMenu(call));
        else playMessage(call, true);
    }

    /** "First message. Message from 2 0 1, received Monday at 9 30 A M", the audio, then the message menu. */
    private void playMessage(MediaCall call, boolean announce) {
        VoicemailMessage m = current();
        state = State.MESSAGE;
        turns.say(call, prompts.envelope(m, index, messages.size(), announce), () -> {
            Path file = audio.get(m.id());
            if (file == null) {
                messageMenu(call);
                return;
            }
            int turn = turns.turn();
            call.media().play(file).whenComplete((o2, e2) -> {
                if (turns.current(turn) && !call.isOver()) messageMenu(call);
            });
        });
    }

    private void messageMenu(MediaCall call) {
        menu(call, State.MESSAGE, List.of(p("vm-message-menu")), () -> messageMenu(call));
    }

    // ---- options

    private void options(MediaCall call) {
        menu(call, State.OPTIONS, List.of(p("vm-options-menu")), () -> options(call));
    }

    private void recordGreeting(MediaCall call, Greeting kind) {
        state = State.RECORDING;
        say(
                call,
                List.of(p("vm-record-greeting"), p("beep")),
                () -> call.media()
                        .record(new RecordOptions(Duration.ofSeconds(60), Duration.ofSeconds(4), "#"))
                        .whenComplete((recording, error) -> greetingRecorded(call, kind, recording)));
    }

    private void greetingRecorded(MediaCall call, Greeting kind, Recording recording) {
        if (recording == null) return;
        if (call.isOver() || recording.length().compareTo(Duration.ofSeconds(1)) < 0) {
            deleteQuietly(recording.file());
            if (!call.isOver()) say(call, List.of(p("vm-message-too-short")), () -> options(call));
            return;
        }
        work(
                call,
                () -> {
                    svc.greetings.save(box, kind, recording.file());
                    deleteQuietly(recording.file());
                    return true;
                },
                ok -> say(call, List.of(p("vm-greeting-saved")), () -> options(call)));
    }

    // ---- plumbing

    private short[] p(String id) {
        return prompts.get(id);
    }

    private void say(MediaCall call, List<short[]> said, Runnable after) {
        turns.say(call, said, after);
    }

    private void ask(MediaCall call, State next, String prompt) {
        state = next;
        digits.setLength(0);
        say(call, List.of(p(prompt)), () -> turns.waitForKey(call, () -> submit(call)));
    }

    /** Plays a menu and waits for a key; silence repeats it once (via {@code again}), then goodbye. */
    private void menu(MediaCall call, State next, List<short[]> said, Runnable again) {
        state = next;
        repeat = again;
        say(
                call,
                said,
                () -> turns.waitForKey(call, () -> {
                    if (++silentMenus >= 2) goodbye(call, "No key pressed");
                    else repeat.run();
                }));
    }

    /** Blocking work on the menu pool; {@code then} back on the stripe. A failure ends the call politely. */
    private <T> void work(MediaCall call, Supplier<T> job, Consumer<T> then) {
        State before = state;
        state = State.WORKING;
        turns.next();
        CompletableFuture.supplyAsync(job, svc.io())
                .whenComplete((value, error) -> call.execute(() -> {
                    if (call.isOver()) return;
                    if (error != null) {
                        log.warn("Voicemail menu of box {}: {} failed: {}", box, before, error.toString());
                        goodbye(call, "Voicemail error", "err-try-later");
                        return;
                    }
                    state = before;
                    silentMenus = 0;
                    then.accept(value);
                }));
    }

    private void goodbye(MediaCall call, String reason, String... first) {
        state = State.OUT;
        turns.next(); // nothing pending (a menu's key timer, a prompt's follow-up) runs after this
        call.sayAndHangUp(prompts.goodbye(first), reason);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        turns.cancelTimer();
        state = State.OUT;
    }
}
