//! Alerts and notifiers of an app, and the catalogues notifiers are made
//! from (notification platforms and event types).

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    Alert, AlertResponse, AlertUpdate, AlertsResponse, CreateAlertRequest, CreateNotifierRequest,
    EventType, EventTypesResponse, NewAlert, NewNotifier, NotificationPlatform,
    NotificationPlatformsResponse, Notifier, NotifierResponse, NotifiersResponse,
    UpdateAlertRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn item_path(app: &str, kind: &str, id: &str) -> String {
    format!(
        "{}/{kind}/{}",
        app_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/alerts`.
    pub async fn alerts(&self, region: &str, app: &str) -> Result<Vec<Alert>, ApiError> {
        let path = format!("{}/alerts", app_path(app));
        let answer: AlertsResponse = self.get_json(Base::Region(region), path).await?;
        Ok(answer.alerts)
    }

    /// `POST /apps/:app/alerts`.
    pub async fn create_alert(
        &self,
        region: &str,
        app: &str,
        alert: NewAlert,
    ) -> Result<Alert, ApiError> {
        let path = format!("{}/alerts", app_path(app));
        let call = Call::new(Method::POST, Base::Region(region), path)
            .json_body(&CreateAlertRequest { alert });
        let answer: AlertResponse = self.send(call).await?.json()?;
        Ok(answer.alert)
    }

    /// `PATCH /apps/:app/alerts/:id`.
    pub async fn update_alert(
        &self,
        region: &str,
        app: &str,
        id: &str,
        update: AlertUpdate,
    ) -> Result<Alert, ApiError> {
        let path = item_path(app, "alerts", id);
        let call = Call::new(Method::PATCH, Base::Region(region), path)
            .json_body(&UpdateAlertRequest { alert: update });
        let answer: AlertResponse = self.send(call).await?.json()?;
        Ok(answer.alert)
    }

    /// `DELETE /apps/:app/alerts/:id`.
    pub async fn delete_alert(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let path = item_path(app, "alerts", id);
        self.send(Call::new(Method::DELETE, Base::Region(region), path))
            .await?;
        Ok(())
    }

    /// `GET /apps/:app/notifiers`.
    pub async fn notifiers(&self, region: &str, app: &str) -> Result<Vec<Notifier>, ApiError> {
        let path = format!("{}/notifiers", app_path(app));
        let answer: NotifiersResponse = self.get_json(Base::Region(region), path).await?;
        Ok(answer.notifiers)
    }

    /// `POST /apps/:app/notifiers`.
    pub async fn create_notifier(
        &self,
        region: &str,
        app: &str,
        notifier: NewNotifier,
    ) -> Result<Notifier, ApiError> {
        let path = format!("{}/notifiers", app_path(app));
        let call = Call::new(Method::POST, Base::Region(region), path)
            .json_body(&CreateNotifierRequest { notifier });
        let answer: NotifierResponse = self.send(call).await?.json()?;
        Ok(answer.notifier)
    }

    /// `PATCH /apps/:app/notifiers/:id`: the whole notifier again.
    pub async fn update_notifier(
        &self,
        region: &str,
        app: &str,
        id: &str,
        notifier: NewNotifier,
    ) -> Result<Notifier, ApiError> {
        let path = item_path(app, "notifiers", id);
        let call = Call::new(Method::PATCH, Base::Region(region), path)
            .json_body(&CreateNotifierRequest { notifier });
        let answer: NotifierResponse = self.send(call).await?.json()?;
        Ok(answer.notifier)
    }

    /// `DELETE /apps/:app/notifiers/:id`.
    pub async fn delete_notifier(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let path = item_path(app, "notifiers", id);
        self.send(Call::new(Method::DELETE, Base::Region(region), path))
            .await?;
        Ok(())
    }

    /// `POST /apps/:app/notifiers/:id/test`: sends a test notification.
    pub async fn test_notifier(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let path = format!("{}/test", item_path(app, "notifiers", id));
        self.send(Call::new(Method::POST, Base::Region(region), path))
            .await?;
        Ok(())
    }

    /// `GET /v1/notification_platforms`.
    pub async fn notification_platforms(
        &self,
        region: &str,
    ) -> Result<Vec<NotificationPlatform>, ApiError> {
        let answer: NotificationPlatformsResponse = self
            .get_json(Base::Region(region), "/v1/notification_platforms")
            .await?;
        Ok(answer.notification_platforms)
    }

    /// `GET /v1/event_types`: what a notifier can be told of.
    pub async fn event_types(&self, region: &str) -> Result<Vec<EventType>, ApiError> {
        let answer: EventTypesResponse = self
            .get_json(Base::Region(region), "/v1/event_types")
            .await?;
        Ok(answer.event_types)
    }
}
