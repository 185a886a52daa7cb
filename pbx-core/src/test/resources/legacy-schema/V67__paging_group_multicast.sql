-- Multicast paging (issue 18): a paging group with an address (224.0.1.75:5000) is answered by Tandem, which sends
-- the caller's audio as RTP to that IPv4 multicast group; the members' phones listen there. NULL: the group calls
-- its members' phones.
ALTER TABLE paging_group ADD COLUMN multicast_address VARCHAR(21);
