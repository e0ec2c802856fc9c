# The worker image: built from this repository, run by docker-compose.yml (setup and worker services).
# Build stage: the SDK restores and publishes the worker only (tests are not part of the image).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig Monitor.sln ./
COPY dashboards/ dashboards/
COPY src/ src/
# ReadyToRun: the CLI's commands (reports, stats, import) start in a third of the time the JIT takes. Monitor.dll itself
# stays JIT-compiled (see Monitor.Worker.csproj): its code runs hot for minutes, and the JIT's is faster.
RUN dotnet publish src/Monitor.Worker/Monitor.Worker.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app --nologo

# Runtime stage: ASP.NET Core runtime, because the worker also hosts the replay stand-ins for `demo`.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY pipelines/ pipelines/
COPY dashboards/ dashboards/
# The image's non-root user owns only the data folder (SQLite file, logs, dead-letter file, checkpoints).
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    MONITOR_ES_URL=
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "Monitor.Worker.dll"]
CMD ["run"]
