package io.jenkins.plugins.winrmcredssp.testsupport;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Job;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.IOException;

/**
 * Jobs, builds and credentials for unit tests against the Jenkins API stand-in (with
 * {@link io.jenkins.plugins.winrmcredssp.standin.StandInJenkins}); they implement only what the stand-in declares.
 */
public final class StandInFixtures {
    private StandInFixtures() {
    }

    public static final class TestJob extends Job<TestJob, TestRun> {
        public TestJob(String name) {
            super(null, name);
        }
    }

    public static final class TestRun extends Run<TestJob, TestRun> {
        public TestRun(TestJob job) throws IOException {
            super(job);
        }
    }

    public static TestRun newRun(String jobName) throws IOException {
        return new TestRun(new TestJob(jobName));
    }

    public static final class UsernamePassword implements StandardUsernamePasswordCredentials {
        private static final long serialVersionUID = 1L;

        private final String id;
        private final String description;
        private final String username;
        private final Secret password;

        public UsernamePassword(String id, String description, String username, String password) {
            this.id = id;
            this.description = description;
            this.username = username;
            this.password = Secret.fromString(password);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public Secret getPassword() {
            return password;
        }
    }

    /** A credential of another type, standing for e.g. a secret text. */
    public static final class SecretText implements StandardCredentials {
        private static final long serialVersionUID = 1L;

        private final String id;
        private final Secret secret;

        public SecretText(String id, String secret) {
            this.id = id;
            this.secret = Secret.fromString(secret);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "secret text " + id;
        }

        public Secret getSecret() {
            return secret;
        }
    }
}
