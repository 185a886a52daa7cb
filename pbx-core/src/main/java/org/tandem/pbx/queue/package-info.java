/**
 * Call queues (ACD, issue 18): {@link org.tandem.pbx.queue.CallQueues} holds the queues (in memory, written through to
 * {@code call_queue}); callers to {@code queue:<number>} wait on music on hold in order, the first in line is offered
 * to the queue's agents by its strategy; {@link org.tandem.pbx.queue.QueueCalls} shows who waits and the day's figures.
 * Everything under {@code internal} is private to this feature.
 */
package org.tandem.pbx.queue;
