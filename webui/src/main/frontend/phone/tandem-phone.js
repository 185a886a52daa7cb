// The portal's phone (issue 16): SIP over WebSocket (RFC 7118) to the appliance's /ws, media by WebRTC (ICE,
// DTLS-SRTP: the appliance's relay terminates both), with JsSIP doing the SIP. The credentials come from the server
// (the logged-in user's own account); they are never shown.
import { LitElement, html, css } from 'lit';
import JsSIP from 'jssip';

// English, for a page that has not handed its texts yet; the server sends the page's language (PortalPhone)
const ENGLISH = {
  'not-connected': 'Not connected', 'connect': 'Connect this browser as my phone', 'disconnect': 'Disconnect',
  'number': 'Number or extension', 'call': 'Call', 'hang-up': 'Hang up', 'incoming': 'Incoming call from {0}',
  'answer': 'Answer', 'decline': 'Decline', 'resume': 'Resume', 'hold': 'Hold', 'unmute': 'Unmute', 'mute': 'Mute',
  'transfer-to': 'Transfer to', 'transfer': 'Transfer', 'microphone': 'Microphone', 'speaker': 'Speaker',
  'no-https': 'This browser cannot use a microphone here: open the portal over HTTPS',
  'no-microphone': 'No microphone found: connect one and try again',
  'microphone-denied': 'The browser denied the microphone: allow it for this site and try again',
  'connecting': 'Connecting…', 'ready': 'Ready: extension {0}', 'register-failed': 'Could not register: {0}',
  'connection-lost': 'Connection to the appliance lost: retrying…', 'speaker-unusable': 'This speaker cannot be used',
  'ringing': 'Ringing: {0}', 'call-from': 'Call from {0}', 'calling': 'Calling {0}…', 'in-call': 'In call with {0}',
  'transferring': 'Transferring to {0}…', 'transfer-refused': 'Transfer to {0} refused ({1}): still in call',
  'transfer-failed': 'Transfer to {0} failed: still in call',
  'hold-not-now': '{0} hold/resume not possible right now: try again',
  'log-from': '{0} from {1}: {2}', 'log-to': '{0} to {1}: {2}',
};

/** How long an offer or answer waits for more ICE candidates after the first (see session()). */
const GATHER_GRACE_MS = 1000;

class TandemPhone extends LitElement {
  static properties = {
    extension: { type: String },
    domain: { type: String },
    texts: { type: Object }, // the page's language, from the server (portal.phone.* in ui*.properties)
    status: { state: true },
    incoming: { state: true },
    inCall: { state: true },
    held: { state: true },
    muted: { state: true },
    log: { state: true },
    mics: { state: true },
    speakers: { state: true },
  };

  static styles = css`
    :host { display: block; max-width: 28em; }
    .status { margin: 0.5em 0; font-weight: 600; }
    .row { display: flex; gap: 0.5em; flex-wrap: wrap; margin: 0.5em 0; }
    .pad { display: grid; grid-template-columns: repeat(3, 3em); gap: 0.3em; }
    button { font: inherit; padding: 0.4em 0.8em; }
    input { font: inherit; padding: 0.4em; width: 12em; }
    ul { padding-left: 1.2em; }
  `;

  constructor() {
    super();
    this.texts = {};
    this.status = null; // null: not connected, said in the page's language once its texts arrive
    this.incoming = null;
    this.inCall = false;
    this.held = false;
    this.muted = false;
    this.log = [];
    this.mics = [];
    this.speakers = [];
    this.micId = '';
    this.secret = null; // set by the server as a property: never rendered
  }

  /** The text {@code key} in the page's language, {0}, {1}... replaced by {@code args}. */
  t(key, ...args) {
    const text = (this.texts && this.texts[key]) || ENGLISH[key] || key;
    return text.replace(/\{(\d)}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
  }

  render() {
    return html`
      <div class="status" id="phone-status">${this.status || this.t('not-connected')}</div>
      <div class="row">
        <button id="phone-register" @click=${this.connect}>${this.t('connect')}</button>
        <button id="phone-disconnect" @click=${this.disconnect}>${this.t('disconnect')}</button>
      </div>
      <div class="row">
        <input id="phone-number" placeholder=${this.t('number')} @keydown=${e => e.key === 'Enter' && this.dial()}>
        <button id="phone-call" @click=${this.dial} ?disabled=${this.inCall}>${this.t('call')}</button>
        <button id="phone-hangup" @click=${this.hangUp} ?disabled=${!this.inCall && !this.incoming}>${this.t('hang-up')}</button>
      </div>
      ${this.incoming ? html`<div class="row">
          <span id="phone-incoming">${this.t('incoming', this.incoming)}</span>
          <button id="phone-answer" @click=${this.answer}>${this.t('answer')}</button>
          <button id="phone-decline" @click=${this.decline}>${this.t('decline')}</button></div>` : ''}
      <div class="row">
        <button id="phone-hold" @click=${this.toggleHold} ?disabled=${!this.inCall}>${this.t(this.held ? 'resume' : 'hold')}</button>
        <button id="phone-mute" @click=${this.toggleMute} ?disabled=${!this.inCall}>${this.t(this.muted ? 'unmute' : 'mute')}</button>
        <input id="phone-transfer" placeholder=${this.t('transfer-to')}>
        <button id="phone-transfer-go" @click=${this.transfer} ?disabled=${!this.inCall}>${this.t('transfer')}</button>
      </div>
      <div class="pad">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map(d =>
          html`<button id="phone-key-${d === '*' ? 'star' : d === '#' ? 'hash' : d}" @click=${() => this.key(d)}>${d}</button>`)}
      </div>
      <div class="row">
        <label>${this.t('microphone')} <select id="phone-mic" @change=${e => { this.micId = e.target.value; }}>
          ${this.mics.map(d => html`<option value=${d.deviceId}>${d.label || this.t('microphone')}</option>`)}</select></label>
        <label>${this.t('speaker')} <select id="phone-speaker" @change=${e => this.chooseSpeaker(e.target.value)}>
          ${this.speakers.map(d => html`<option value=${d.deviceId}>${d.label || this.t('speaker')}</option>`)}</select></label>
      </div>
      <audio id="phone-audio" autoplay></audio>
      <ul id="phone-log">${this.log.map(l => html`<li>${l}</li>`)}</ul>
    `;
  }

  /** The appliance's SIP over WebSocket endpoint on the origin of this page: wss on HTTPS, ws on plain HTTP. */
  get wsUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  }

  async connect() {
    if (this.ua) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.status = this.t('no-https');
      return;
    }
    try {
      const probe = await navigator.mediaDevices.getUserMedia({ audio: true });
      probe.getTracks().forEach(t => t.stop());
    } catch (e) {
      this.status = e && e.name === 'NotFoundError' ? this.t('no-microphone')
        : this.t('microphone-denied');
      return;
    }
    await this.listDevices();
    // asked now, on the user's click (browsers ignore it otherwise), so a call can be announced from another tab
    if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission();
    const socket = new JsSIP.WebSocketInterface(this.wsUrl);
    this.ua = new JsSIP.UA({
      sockets: [socket], uri: `sip:${this.extension}@${this.domain}`, password: this.secret,
      register: true, session_timers: false, user_agent: 'Tandem web phone (JsSIP)',
    });
    this.ua.on('connecting', () => { this.status = this.t('connecting'); });
    this.ua.on('registered', () => { this.status = this.t('ready', this.extension); });
    this.ua.on('unregistered', () => { this.status = this.t('not-connected'); });
    this.ua.on('registrationFailed', e => { this.status = this.t('register-failed', e.cause); });
    this.ua.on('disconnected', () => { if (this.ua) this.status = this.t('connection-lost'); });
    this.ua.on('newRTCSession', e => this.session(e.session, e.originator));
    this.ua.start();
  }

  /** The microphones and speakers to choose from (their names are readable once the microphone is allowed). */
  async listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.mics = devices.filter(d => d.kind === 'audioinput');
    this.speakers = devices.filter(d => d.kind === 'audiooutput');
    if (!this.micId && this.mics.length) this.micId = this.mics[0].deviceId;
  }

  chooseSpeaker(id) {
    const audio = this.renderRoot.getElementById('phone-audio');
    if (audio.setSinkId) audio.setSinkId(id).catch(() => { this.status = this.t('speaker-unusable'); });
  }

  /**
   * What a call asks of the browser: the chosen microphone, audio only; the appliance's TURN servers, if it has any,
   * with this user's short-lived credential (asked afresh before each call), and relay-only when the admin wants it.
   */
  get media() {
    const ice = this.ice || { iceServers: [], relayOnly: false };
    return { mediaConstraints: { audio: this.micId ? { deviceId: { exact: this.micId } } : true, video: false },
      pcConfig: { iceServers: ice.iceServers, iceTransportPolicy: ice.relayOnly ? 'relay' : 'all',
        rtcpMuxPolicy: 'require' } };
  }

  /** The ICE servers for the next call, from the server (a TURN credential lives hours, not days). */
  async refreshIce() {
    try {
      this.ice = JSON.parse(await this.$server.iceServers(location.hostname));
    } catch (e) {
      // no TURN this time: the call still goes direct, as it would without TURN configured
      this.log = [`${new Date().toLocaleTimeString()} no TURN credential: ${e}`, ...this.log].slice(0, 20);
    }
  }

  disconnect() {
    this.stopRinging();
    if (!this.ua) return;
    const ua = this.ua;
    this.ua = null;
    ua.stop();
    this.status = this.t('not-connected');
  }

  async dial() {
    const number = this.renderRoot.getElementById('phone-number').value.trim();
    if (!this.ua || !number || this.inCall) return;
    await this.refreshIce();
    this.ua.call(`sip:${number}@${this.domain}`, this.media);
  }

  session(s, originator) {
    // a second call while one is up is refused (busy), except the call a REFER of the far end asked for (RFC 3515)
    if (this.current && this.current !== s && !this.referred) { s.terminate({ status_code: 486 }); return; }
    this.referred = false;
    this.current = s;
    this.lastError = null;
    const who = s.remote_identity.display_name || s.remote_identity.uri.user;
    if (originator === 'remote') {
      this.incoming = who;
      this.status = this.t('ringing', who);
      if ('Notification' in window && Notification.permission === 'granted') new Notification(this.t('call-from', who));
      this.startRinging();
    } else {
      this.status = this.t('calling', who);
    }
    s.on('peerconnection', e => this.attach(e.peerconnection));
    // JsSIP sends an offer or answer only once the browser has gathered all its ICE candidates, and waits for that
    // without end: an interface that comes or goes meanwhile, or a TURN server out of reach on the new network, holds
    // the call or its ICE restart for tens of seconds or for good. The relay is ICE-lite (RFC 8445 §2.5): it learns the
    // browser's address from the browser's connectivity checks, which go from every candidate it has, gathered before
    // or after its SDP left (as in trickle ICE, RFC 8838); so the SDP goes GATHER_GRACE_MS after the first candidate at
    // the latest (ready() is JsSIP's own "send now", once per offer or answer; called after gathering ended it does
    // nothing).
    let gathering = null;
    s.on('icecandidate', e => {
      if (gathering === e.ready) return;
      gathering = e.ready;
      setTimeout(e.ready, GATHER_GRACE_MS);
    });
    // what went wrong, for the call log and for support: the far end's SDP and the browser's own complaint
    s.on('sdp', e => { if (e.originator === 'remote') this.lastRemoteSdp = e.sdp; });
    s.on('peerconnection:setremotedescriptionfailed', e => { this.lastError = String(e); });
    s.on('peerconnection:createofferfailed', e => { this.lastError = String(e); });
    s.on('peerconnection:createanswerfailed', e => { this.lastError = String(e); });
    if (s.connection) this.attach(s.connection);
    s.on('accepted', () => { this.stopRinging(); this.inCall = true; this.incoming = null; this.status = this.t('in-call', who); });
    s.on('confirmed', () => { this.inCall = true; this.status = this.t('in-call', who); });
    // the far end transfers us (an IVR key, a colleague's blind transfer): call where its REFER says (RFC 3515)
    s.on('refer', e => {
      this.referred = true;
      e.accept(() => {}, this.media);
    });
    s.on('hold', () => { this.held = true; });
    s.on('unhold', () => { this.held = false; });
    const end = cause => {
      const detail = this.lastError ? ` (${this.lastError})` : '';
      this.log = [this.t(originator === 'remote' ? 'log-from' : 'log-to', new Date().toLocaleTimeString(), who, `${cause}${detail}`),
        ...this.log].slice(0, 20);
      if (this.current !== s) return; // the call we were transferred from: the new one goes on
      this.stopRinging();
      this.current = null; this.inCall = false; this.incoming = null; this.held = false; this.muted = false;
      this.status = this.ua ? this.t('ready', this.extension) : this.t('not-connected');
    };
    s.on('ended', e => end(e.cause));
    s.on('failed', e => end(e.cause));
  }

  /**
   * The ring of an incoming call: 425 Hz, one second on and four off (the ITU-T E.180 ringing tone most of Europe
   * uses), made by WebAudio so no file is needed. The host element carries a {@code ringing} attribute meanwhile.
   */
  startRinging() {
    if (this.ringer) return;
    const ctx = new (window.AudioContext || window.webkitAudioContext)();
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.frequency.value = 425;
    gain.gain.value = 0;
    tone.connect(gain).connect(ctx.destination);
    tone.start();
    const cadence = () => {
      const t = ctx.currentTime;
      gain.gain.setValueAtTime(0.2, t);
      gain.gain.setValueAtTime(0, t + 1);
    };
    cadence();
    this.ringer = { ctx, timer: setInterval(cadence, 5000) };
    this.setAttribute('ringing', '');
  }

  stopRinging() {
    if (!this.ringer) return;
    clearInterval(this.ringer.timer);
    this.ringer.ctx.close();
    this.ringer = null;
    this.removeAttribute('ringing');
  }

  attach(pc) {
    pc.addEventListener('track', e => {
      const audio = this.renderRoot.getElementById('phone-audio');
      audio.srcObject = e.streams[0] || new MediaStream([e.track]);
      this.remoteStream = audio.srcObject;
    });
    // the laptop changed network (Wi-Fi to cable, a VPN came up): the call's media path is gone, so ICE restarts with
    // a re-offer carrying new credentials (RFC 8445 §9, RFC 8839 §4.4.1.1.1) — after 3 s of 'disconnected' (it may
    // come back by itself) or at once on 'failed'
    pc.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(this.iceTimer);
      if (pc.iceConnectionState === 'failed') this.restartIce();
      else if (pc.iceConnectionState === 'disconnected') {
        this.iceTimer = setTimeout(() => { if (pc.iceConnectionState === 'disconnected') this.restartIce(); }, 3000);
      }
    });
  }

  /** An ICE restart of the call in progress (a re-INVITE with new ICE credentials); false when none could be sent. */
  async restartIce() {
    const s = this.current;
    if (!s || !this.inCall || !s.connection) return false;
    await this.refreshIce(); // a TURN credential for the new network
    if (this.ice) {
      try {
        s.connection.setConfiguration({ ...s.connection.getConfiguration(), iceServers: this.ice.iceServers });
      } catch (e) { /* the old servers stay */ }
    }
    const sent = s.renegotiate({ rtcOfferConstraints: { iceRestart: true } });
    this.log = [`${new Date().toLocaleTimeString()} network changed: ${sent ? 'reconnecting the call' : 'could not reconnect now'}`,
      ...this.log].slice(0, 20);
    return sent;
  }

  async answer() {
    if (!this.current || !this.incoming) return;
    const ringing = this.current;
    await this.refreshIce();
    if (this.current === ringing && this.incoming) ringing.answer(this.media);
  }

  decline() {
    if (this.current && this.incoming) this.current.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
  }

  hangUp() {
    if (this.current) this.current.terminate();
  }

  toggleHold() {
    if (!this.current) return;
    // JsSIP refuses while an earlier re-INVITE is still under way (RFC 3261 §14.1): say so instead of nothing
    const done = this.held ? this.current.unhold() : this.current.hold();
    if (!done) this.log = [this.t('hold-not-now', new Date().toLocaleTimeString()), ...this.log];
  }

  toggleMute() {
    if (!this.current) return;
    if (this.muted) this.current.unmute({ audio: true }); else this.current.mute({ audio: true });
    this.muted = !this.muted;
  }

  transfer() {
    const to = this.renderRoot.getElementById('phone-transfer').value.trim();
    const s = this.current;
    if (!s || !to) return;
    this.status = this.t('transferring', to);
    s.refer(`sip:${to}@${this.domain}`, {
      eventHandlers: {
        // RFC 5589 §6.1: the transferee reached the target (NOTIFY with a 2xx sipfrag): our part of the call is over
        accepted: () => { if (!s.isEnded()) s.terminate(); },
        requestFailed: e => { if (this.current === s) this.status = this.t('transfer-refused', to, e.cause); },
        failed: () => { if (this.current === s) this.status = this.t('transfer-failed', to); },
      },
    });
  }

  key(digit) {
    if (this.current && this.inCall) this.current.sendDTMF(digit, { transportType: 'RFC2833' });
    else {
      const field = this.renderRoot.getElementById('phone-number');
      field.value += digit;
    }
  }
}

customElements.define('tandem-phone', TandemPhone);
