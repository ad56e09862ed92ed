using Tarjuma.Server;

// Tarjuma's gRPC server on the embedded SQLite store. Configuration (appsettings.json, environment
// TARJUMA__DATABASE, or --Tarjuma:Database=PATH): see TarjumaServer.
var builder = WebApplication.CreateBuilder(args);
builder.AddTarjumaServer();

var app = builder.Build();
app.MapTarjumaServer();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
