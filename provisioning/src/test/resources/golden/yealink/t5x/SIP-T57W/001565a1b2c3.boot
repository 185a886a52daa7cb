#!version:1.0.0.1
## Tandem boot file of 001565a1b2c3: its configuration is at its own provisioning URL
include:config "http://192.0.2.10:8080/prov/d/TOKEN-abc123/001565a1b2c3.cfg"
overwrite_mode = 1
