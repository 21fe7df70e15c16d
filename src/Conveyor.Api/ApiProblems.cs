namespace Conveyor.Api;

/// <summary>Problem-details results of the API's own checks (the engine's exceptions are mapped by the exception handler).</summary>
internal static class ApiProblems
{
    /// <summary>400 with one message per bad parameter in <c>errors</c>.</summary>
    public static IResult BadRequest(string title, IReadOnlyList<string> errors) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            detail: string.Join(" ", errors),
            type: "https://httpstatuses.io/400",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>400 for an execution id that cannot be one.</summary>
    public static IResult BadExecutionId() => BadRequest(
        "Invalid execution id",
        [$"The execution id must be 1 to {ExecutionIds.MaxLength} letters, digits, '-' or '_'."]);

    /// <summary>404 for an execution id no execution has.</summary>
    public static IResult ExecutionNotFound(string id) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such job execution",
            detail: $"No job execution has the id '{id}'.",
            type: "https://httpstatuses.io/404");

    /// <summary>409 with a title and detail.</summary>
    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, type: "https://httpstatuses.io/409");
}
