package io.parley.gateway;

import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.PATH;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.parley.shared.Address;
import java.util.List;

/**
 * The stories REST API, forwarded to the story service: post, the feed, record a view, the
 * author's viewers list, delete. A story's photo or video is downloaded through the media API
 * ({@code GET /media/{id}}), which lets the story's audience see it until the story expires. The
 * contacts stories go to are the auth service's ({@link AuthApi#ROUTES}); codes are in
 * {@code StoryErrors}.
 */
final class StoryApi {

  static final List<ApiRoute> ROUTES = List.of(
    route(POST, "/stories", Address.STORY_CREATE, 201, JSON)
      .takes("NewStory").doc("Post a photo, video or text story to my contacts (or some of them)", "Story"),
    route(GET, "/stories", Address.STORY_FEED, 200, PATH).doc("The stories I may see now, by author, mine first", "StoryFeed"),
    // Idempotent: a second view keeps the first one's time.
    route(POST, "/stories/:storyId/views", Address.STORY_VIEW, ApiRoute.NO_CONTENT, PATH).doc("I viewed a story", null),
    route(GET, "/stories/:storyId/views", Address.STORY_VIEWERS, 200, PATH)
      .doc("Who viewed one of my stories, and when", "StoryViewers"),
    route(DELETE, "/stories/:storyId", Address.STORY_DELETE, ApiRoute.NO_CONTENT, PATH).doc("Delete one of my stories", null));

  private StoryApi() {
  }
}
