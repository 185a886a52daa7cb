#!version:1.0.0.1
## Tandem common boot file. Yealink phones ask for <mac>.boot first, which Tandem serves for every
## phone (a new MAC is added unassigned); this file is only the fallback and configures nothing.
overwrite_mode = 1
