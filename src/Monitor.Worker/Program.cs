using Monitor.Worker.Commands;

return await MonitorCli.Create().Parse(args).InvokeAsync();
