namespace Platform.Testing;

/// <summary>Where the shared PostgreSQL cluster and RabbitMQ node of this test run answer.</summary>
/// <param name="PostgresAdmin">Connection string to the cluster's maintenance database, as a superuser.</param>
/// <param name="RabbitMq">AMQP address of the node, with credentials and no virtual host.</param>
/// <param name="RabbitMqManagement">HTTP address of the node's management API, used to create virtual hosts.</param>
public sealed record ServerEndpoints(string PostgresAdmin, Uri RabbitMq, Uri RabbitMqManagement);
