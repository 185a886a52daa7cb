-- Voice quality reports (RFC 6035; issue 20: figures for calls whose media went directly between the phones, which
-- the relay never sees): what a phone measured on the stream it received, sent in a PUBLISH (Event: vq-rtcpxr) at the
-- end of a call (or during it). call_id is the CDR row's key; a figure the report left out is NULL.
CREATE TABLE call_quality (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    call_id          VARCHAR(255) NOT NULL,
    -- the local user whose phone sent it (digest-authenticated)
    reporter         VARCHAR(32)  NOT NULL,
    reported_ms      BIGINT       NOT NULL,
    -- SESSION (VQSessionReport, at the end), INTERVAL or ALERT
    report_type      VARCHAR(16)  NOT NULL,
    codec            VARCHAR(32),
    -- PacketLoss NLR and JDR (percent), Delay IAJ and RTD (ms), QualityEst MOS-LQ and MOS-CQ
    loss_percent     DOUBLE,
    discard_percent  DOUBLE,
    jitter_ms        INT,
    round_trip_ms    INT,
    mos_lq           DOUBLE,
    mos_cq           DOUBLE
);
CREATE INDEX call_quality_call ON call_quality (call_id);
