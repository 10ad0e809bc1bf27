package org.fieldvae.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading scontrol's one-line job records (format of SLURM 22.05, as the test cluster prints them). */
class JobRecordTest {
    @Test
    void anArrayGivesOneRecordPerTaskAndExpandsThePendingRange() {
        String out = """
                JobId=5 ArrayJobId=5 ArrayTaskId=6-7%2 ArrayTaskThrottle=2 JobName=fieldvae-sweep JobState=PENDING Reason=JobArrayTaskLimit Dependency=(null) ExitCode=0:0 NodeList= StdOut=/x/5_4294967294.log
                JobId=8 ArrayJobId=5 ArrayTaskId=4 JobName=fieldvae-sweep JobState=RUNNING Reason=None ExitCode=0:0 ReqNodeList=(null) NodeList=vm StdOut=/x/5_4.log
                JobId=6 ArrayJobId=5 ArrayTaskId=0 JobName=fieldvae-sweep JobState=CANCELLED Reason=None ExitCode=0:15 NodeList=vm
                JobId=9 JobName=fieldvae-sweep-summary JobState=PENDING Reason=Dependency ExitCode=0:0 NodeList=(null)
                """;
        List<JobRecord> r = JobRecord.parse(out);
        assertEquals(5, r.size());
        assertEquals(new JobRecord("5", 6, "PENDING", "JobArrayTaskLimit", "0:0", ""), r.get(0));
        assertEquals("5_7", r.get(1).id());
        assertTrue(r.get(1).queued() && r.get(1).live());
        assertEquals(new JobRecord("5", 4, "RUNNING", "None", "0:0", "vm"), r.get(2));
        assertTrue(r.get(2).live());
        assertFalse(r.get(2).queued());
        assertEquals("0:15", r.get(3).exitCode());
        assertFalse(r.get(3).live(), "a cancelled task is over");
        assertEquals("9", r.get(4).id());
        assertEquals(-1, r.get(4).taskIndex());
        assertEquals("", r.get(4).node(), "(null) is no node");
    }

    @Test
    void taskListsWithRangesCommasAndThrottle() {
        assertEquals(List.of(0, 3, 5, 6, 7), JobRecord.indices("0,3,5-7%4"));
        assertEquals(List.of(12), JobRecord.indices("12"));
        assertEquals(List.of(), JobRecord.parse("\n"));
    }
}
