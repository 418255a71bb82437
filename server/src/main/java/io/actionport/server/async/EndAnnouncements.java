package io.actionport.server.async;

import io.actionport.server.store.ExecutionRecord;

/**
 * Who tells the outside world that an async execution ended (its environment's webhook), beyond
 * its record. The announcement is queued in a write of its own after the end is stored, and the
 * execution's task leaves the queue only after that write: a node that dies in between leaves the
 * task behind, and whichever node takes the task over announces the end again.
 */
public interface EndAnnouncements {

    /** Whether the ends of this environment's executions are announced. */
    boolean announces(String environment);

    /**
     * An execution found ended while its task was still held by a node that stopped: announces its
     * end unless that was queued or done already.
     */
    void announceAgain(ExecutionRecord record);
}
