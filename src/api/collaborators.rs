//! Who works on an app: the collaborators (the owner is not listed),
//! invitations, roles.

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    Collaborator, CollaboratorResponse, CollaboratorUpdate, CollaboratorsResponse,
    InviteCollaboratorRequest, NewCollaborator, UpdateCollaboratorRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn collaborators_path(app: &str) -> String {
    format!("{}/collaborators", app_path(app))
}

fn collaborator_path(app: &str, id: &str) -> String {
    format!(
        "{}/{}",
        collaborators_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/collaborators` (the owner is not listed).
    pub async fn collaborators(
        &self,
        region: &str,
        app: &str,
    ) -> Result<Vec<Collaborator>, ApiError> {
        let answer: CollaboratorsResponse = self
            .get_json(Base::Region(region), collaborators_path(app))
            .await?;
        Ok(answer.collaborators)
    }

    /// `POST /apps/:app/collaborators`: sends the invitation e-mail.
    pub async fn invite_collaborator(
        &self,
        region: &str,
        app: &str,
        email: String,
        is_limited: bool,
    ) -> Result<Collaborator, ApiError> {
        let call = Call::new(Method::POST, Base::Region(region), collaborators_path(app))
            .json_body(&InviteCollaboratorRequest {
                collaborator: NewCollaborator { email, is_limited },
            });
        let answer: CollaboratorResponse = self.send(call).await?.json()?;
        Ok(answer.collaborator)
    }

    /// `PATCH /apps/:app/collaborators/:id`: the role is all that changes.
    pub async fn update_collaborator(
        &self,
        region: &str,
        app: &str,
        id: &str,
        is_limited: bool,
    ) -> Result<Collaborator, ApiError> {
        let call = Call::new(
            Method::PATCH,
            Base::Region(region),
            collaborator_path(app, id),
        )
        .json_body(&UpdateCollaboratorRequest {
            collaborator: CollaboratorUpdate { is_limited },
        });
        let answer: CollaboratorResponse = self.send(call).await?.json()?;
        Ok(answer.collaborator)
    }

    /// `DELETE /apps/:app/collaborators/:id`.
    pub async fn delete_collaborator(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<(), ApiError> {
        let call = Call::new(
            Method::DELETE,
            Base::Region(region),
            collaborator_path(app, id),
        );
        self.send(call).await?;
        Ok(())
    }
}
