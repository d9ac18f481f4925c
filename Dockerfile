# The operator's container image. It cannot be built on the project's CI machine (no Docker, no registry); build it
# where Docker or Podman runs:
#   ./mvnw -q package -DskipTests
#   docker build -t ghcr.io/pike-operator/pike-operator:0.1.0 .
# The jar is built outside the image so that the image needs no Maven and no network at build time.
FROM eclipse-temurin:17-jre
# ssh-keygen is not needed at run time (keys come from Secrets); the JRE is all the operator uses.
# The operator alone: the twin, the mock API server and the demo have their own jars (packaging's ImageJarIT reads
# this COPY line and checks the jar).
COPY operator/target/pike-operator.jar /opt/pike-operator/pike-operator.jar
# Non-root, matching the chart's runAsUser/runAsGroup; the root file system may be read-only (tmp is a volume).
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/pike-operator/pike-operator.jar"]
CMD ["run"]
